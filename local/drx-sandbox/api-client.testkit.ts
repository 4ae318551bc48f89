// Test-only helpers for calling a sandbox store over real HTTP.

/** A fixed store clock, so generated dates are the same on every run. */
export const FIXED_NOW = new Date('2025-06-01T12:00:00.000Z');

/** A well-formed API key whose hex part is `n` repeated. */
export function apiKey(n: number): string {
  return `DRX${n.toString(16).padStart(32, '0')}`;
}

/** A parsed JSON response. */
export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** GETs (or sends) `path` under `base` with the DRX key header and parses the JSON answer. */
export async function callJson<T = Record<string, unknown>>(
  base: string,
  path: string,
  key: string | undefined,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers['X-DRX-Key'] = key;
  const res = await fetch(base + path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}
