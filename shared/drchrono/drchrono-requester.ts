/**
 * Every DrChrono API call goes through here: a budget slot per request sent (redirect hops too), the
 * Bearer token (refreshed once after a 401), retries with backoff for 5xx,
 * timeouts and dropped connections, a short Retry-After on a 429 waited out, and a check that absolute URLs (`next`
 * links, redirects) stay on DrChrono's hosts and on the base URL's scheme, so
 * a token never goes anywhere else and never over plain HTTP when the base is
 * https.
 */
import { AppError } from '../errors/app-error.js';
import { parseRetryAfter } from '../retry/retry-after.js';
import { decideRetry } from '../retry/retry-policy.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../time/clock.js';
import { sendDrChronoAttempt } from './drchrono-attempt.js';

/** 4 attempts, at most 30 s of backoff in total (0.5 + 1 + 2 s at most with full jitter). */
export const DRCHRONO_MAX_ATTEMPTS = 4;
export const DRCHRONO_MAX_RETRY_MS = 30_000;

export interface RequesterOptions {
  practiceId: string;
  baseUrl: string;
  auth: { token(): Promise<string>; refresh(staleToken: string): Promise<string> };
  /** Takes one slot of the hourly budget (throws drchrono_budget_exhausted); `rateLimited` runs on a 429 and returns the error to throw. */
  budget: { take(): Promise<void>; rateLimited(): Promise<AppError> };
  clock: Clock;
  log: Logger;
  timeoutMs: number;
  random?: () => number;
  fetchImpl?: typeof fetch;
}

export interface SendRequest {
  method?: 'GET' | 'POST';
  /** A path under the base URL, or an absolute URL already passed through `vet`. */
  target: string | URL;
  query?: URLSearchParams;
  /** A form body (POST). */
  form?: URLSearchParams;
  /** Answer null on 404 instead of failing (a read by id after a delete). */
  allow404?: boolean;
}

export interface DrChronoRequester {
  send(req: SendRequest): Promise<unknown>;
  /** Checks that an absolute URL from DrChrono (a `next` link) points at a host we already talk to, with the base URL's scheme. */
  vet(url: string): URL;
  /**
   * Like `vet`, for a `next` link of the list at `listPath` that may come from an earlier run (stored with
   * its page): a link on a host this requester has not been redirected to yet (the clinical notes 302's
   * origin) is asked of the base URL instead, with its path and query, so DrChrono redirects again and the
   * token still goes only to hosts we trust.
   */
  resume(url: string, listPath: string): URL;
}

/** Creates the requester of one practice's API. */
export function createDrChronoRequester(opts: RequesterOptions): DrChronoRequester {
  const base = new URL(opts.baseUrl.replace(/\/+$/, '') + '/');
  const trustedHosts = new Set([base.host]);
  const random = opts.random ?? Math.random;
  const log = opts.log.child({ practiceId: opts.practiceId });

  function vet(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AppError('permanent', 'drchrono_bad_response', 'DrChrono sent a link that is not an absolute URL');
    }
    // The base's scheme, not "any http(s)": an http link from an https base would send the token in clear.
    if (url.protocol !== base.protocol || !trustedHosts.has(url.host)) {
      throw new AppError('permanent', 'drchrono_bad_response', 'DrChrono sent a link to a host we do not send tokens to', { path: url.pathname });
    }
    return url;
  }

  function resume(raw: string, listPath: string): URL {
    try {
      return vet(raw);
    } catch (err) {
      const url = URL.canParse(raw) ? new URL(raw) : null;
      const trim = (p: string) => p.replace(/\/+$/, '');
      const expected = new URL(listPath.replace(/^\/+/, ''), base);
      if (url === null || url.protocol !== base.protocol || trim(url.pathname) !== trim(expected.pathname)) throw err;
      return new URL(`${url.pathname}${url.search}`, base.origin);
    }
  }

  async function send(req: SendRequest): Promise<unknown> {
    const url = typeof req.target === 'string' ? new URL(req.target.replace(/^\/+/, ''), base) : new URL(req.target.href);
    if (req.query) for (const [k, v] of req.query) url.searchParams.set(k, v);
    const path = url.pathname;
    let token = await opts.auth.token();
    let refreshed = false;
    const startedMs = opts.clock.now().getTime();
    for (let attempt = 1; ; ) {
      await opts.budget.take();
      const result = await sendDrChronoAttempt({
        method: req.method ?? 'GET',
        url,
        protocol: base.protocol,
        token,
        form: req.form,
        timeoutMs: opts.timeoutMs,
        fetchImpl: opts.fetchImpl ?? fetch,
        onRedirectHost: (host) => trustedHosts.add(host),
        beforeHop: () => opts.budget.take(),
      });
      if (result.kind === 'json') return result.json;
      if (result.kind === 'status') {
        const s = result.status;
        if (s === 401 && !refreshed) {
          // Expired or revoked early: one refresh, then the same call again (not counted as an attempt).
          refreshed = true;
          token = await opts.auth.refresh(token);
          continue;
        }
        if (s === 404 && req.allow404) return null;
        if (s === 429) {
          // A short Retry-After (a throttle) is waited out within the retry bounds; none, or one too long, spends the hour.
          const retryAfterMs = parseRetryAfter(result.retryAfter ?? null, opts.clock.now());
          const wait = retryAfterMs === null ? null : decideRetry({
            attempt,
            failure: 'rate_limited',
            retryAfterMs,
            elapsedMs: opts.clock.now().getTime() - startedMs,
            random: random(),
            maxAttempts: DRCHRONO_MAX_ATTEMPTS,
            maxRetryMs: DRCHRONO_MAX_RETRY_MS,
          });
          if (!wait?.retry) throw await opts.budget.rateLimited();
          log.warn('DrChrono throttled the request; retrying after Retry-After', { path, attempt, waitMs: wait.waitMs });
          await opts.clock.sleep(wait.waitMs);
          attempt++;
          continue;
        }
        throw statusError(s, path, opts.practiceId);
      }
      const decision = decideRetry({
        attempt,
        failure: result.failure,
        retryAfterMs: null,
        elapsedMs: opts.clock.now().getTime() - startedMs,
        random: random(),
        maxAttempts: DRCHRONO_MAX_ATTEMPTS,
        maxRetryMs: DRCHRONO_MAX_RETRY_MS,
      });
      if (!decision.retry) {
        throw new AppError('retryable', result.failure === 'bad_response' ? 'drchrono_bad_response' : 'drchrono_unavailable',
          `DrChrono failed on ${path} after ${attempt} attempts (${result.failure}${result.status ? ` ${result.status}` : ''})`,
          { path, status: result.status, attempts: attempt, failure: result.failure });
      }
      log.warn('DrChrono request failed; retrying', { path, status: result.status, failure: result.failure, attempt, waitMs: decision.waitMs });
      await opts.clock.sleep(decision.waitMs);
      attempt++;
    }
  }

  return { send, vet, resume };
}

function statusError(status: number, path: string, practiceId: string): AppError {
  if (status === 401) {
    return new AppError('permanent', 'drchrono_unauthorized', `DrChrono refused the access token of ${practiceId} even after a refresh: reconnect the practice`, { status, path });
  }
  if (status === 403) {
    return new AppError('permanent', 'drchrono_unauthorized', `DrChrono refused access (403) on ${path}: check the API application's scopes`, { status, path });
  }
  return new AppError('permanent', 'drchrono_bad_response', `DrChrono rejected the request (${status}) on ${path}`, { status, path });
}
