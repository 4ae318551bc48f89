/**
 * One HTTP attempt against DrChrono, with redirects followed by hand: fetch
 * drops Authorization when a redirect crosses origins, and DrChrono answers
 * some endpoints (clinical notes) with a 302 to another origin that still wants
 * the Bearer token. A hop must keep the practice base URL's scheme (https in
 * production), so a redirect can never carry the token over plain HTTP; at
 * most MAX_REDIRECTS hops.
 */
import { AppError } from '../errors/app-error.js';
import type { TransientFailure } from '../retry/retry-policy.js';

export const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface AttemptRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** The practice base URL's scheme; every hop must keep it (no downgrade to http). */
  protocol: string;
  token: string;
  /** A form body (DrChrono's POST endpoints read form or JSON fields). */
  form?: URLSearchParams;
  timeoutMs: number;
  fetchImpl: typeof fetch;
  /** Told about every host a redirect sent us to (their `next` links are trusted too). */
  onRedirectHost(host: string): void;
  /** Runs before each redirect hop is sent: DrChrono counts the hop as a request of its own (a budget slot). */
  beforeHop?(): Promise<void>;
}

/** The outcome of one attempt: JSON, a status the caller decides on, or a transient failure. */
export type AttemptResult =
  | { kind: 'json'; json: unknown }
  | { kind: 'status'; status: number; retryAfter?: string | null }
  | { kind: 'transient'; failure: TransientFailure; status: number | null };

/** Sends one request (following redirects) and reads its JSON body. */
export async function sendDrChronoAttempt(req: AttemptRequest): Promise<AttemptResult> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  let url = req.url;
  let method = req.method;
  let form = req.form;
  try {
    for (let hop = 0; ; hop++) {
      const res = await req.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${req.token}`,
          accept: 'application/json',
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        redirect: 'manual',
        signal,
        ...(form ? { body: form.toString() } : {}),
      });
      const location = res.headers.get('location');
      if (REDIRECTS.has(res.status) && location !== null) {
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw badRedirect(`more than ${MAX_REDIRECTS} redirects`, url);
        const next = new URL(location, url);
        if (next.protocol !== 'https:' && next.protocol !== 'http:') throw badRedirect('a redirect to a non-http(s) URL', url);
        if (next.protocol !== req.protocol) throw badRedirect(`a redirect to another scheme (${next.protocol} instead of ${req.protocol})`, url);
        // A POST answered 301/302/303 continues as a GET, as browsers and fetch do.
        if (res.status !== 307 && res.status !== 308) {
          method = 'GET';
          form = undefined;
        }
        await req.beforeHop?.();
        req.onRedirectHost(next.host);
        url = next;
        continue;
      }
      if (res.status >= 500) {
        await res.body?.cancel();
        return { kind: 'transient', failure: 'unavailable', status: res.status };
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        if (res.status === 429) return { kind: 'status', status: res.status, retryAfter: res.headers.get('retry-after') };
        return { kind: 'status', status: res.status };
      }
      // The body is read inside the attempt: a connection dropped mid-body is retried.
      const text = await res.text();
      try {
        return { kind: 'json', json: JSON.parse(text) as unknown };
      } catch {
        return { kind: 'transient', failure: 'bad_response', status: res.status };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    return { kind: 'transient', failure: signal.aborted ? 'timeout' : 'connection', status: null };
  }
}

function badRedirect(what: string, from: URL): AppError {
  return new AppError('permanent', 'drchrono_bad_response', `DrChrono answered ${what} on ${from.pathname}`, { path: from.pathname });
}
