/** One HTTP attempt against DRX, reduced to a value, a transient failure to retry, or a thrown permanent error. */
import type { Clock } from '../time/clock.js';
import { classifyStatus } from './drx-http-errors.js';
import { parseRetryAfter } from '../retry/retry-after.js';
import type { TransientFailure } from '../retry/retry-policy.js';

/** Where and how to send. */
export interface Connection {
  fetchImpl: typeof fetch;
  /** Base URL without a trailing slash. */
  base: string;
  apiKey: string;
  timeoutMs: number;
  clock: Clock;
}

/** One API call: its route and how to recognise its answer. */
export interface Call<T> {
  method: 'GET' | 'POST';
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** The value, or null when the JSON is not the expected envelope. */
  parse(json: unknown): T | null;
}

/** The outcome of one attempt. */
export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; failure: TransientFailure; status: number | null; retryAfterMs: number | null };

/** Sends `call` once with a timeout; permanent errors throw, transient ones come back as values. */
export async function sendAttempt<T>(call: Call<T>, conn: Connection, signal: AbortSignal | undefined): Promise<Attempt<T>> {
  const timeout = AbortSignal.timeout(conn.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const url = conn.base + call.path + (call.query ? `?${call.query.toString()}` : '');
  const headers: Record<string, string> = { 'X-DRX-Key': conn.apiKey, accept: 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let status: number;
  let retryAfter: string | null;
  let text = '';
  try {
    const res = await conn.fetchImpl(url, {
      method: call.method,
      headers,
      signal: combined,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    status = res.status;
    retryAfter = res.headers.get('retry-after');
    // The body is read inside the retried block: a connection dropped mid-body surfaces here.
    if (res.ok) text = await res.text();
    else await res.body?.cancel();
  } catch {
    if (signal?.aborted) throw signal.reason;
    // fetch's TypeError ("fetch failed", "terminated"), ECONNRESET, socket closed: all transport failures.
    return { ok: false, failure: timeout.aborted ? 'timeout' : 'connection', status: null, retryAfterMs: null };
  }
  const cls = classifyStatus(status, call.path);
  if (cls.kind === 'permanent') throw cls.error;
  if (cls.kind === 'transient') {
    return { ok: false, failure: cls.failure, status, retryAfterMs: parseRetryAfter(retryAfter, conn.clock.now()) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, failure: 'bad_response', status, retryAfterMs: null };
  }
  const value = call.parse(json);
  return value === null ? { ok: false, failure: 'bad_response', status, retryAfterMs: null } : { ok: true, value };
}
