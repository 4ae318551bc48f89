/**
 * GET /live-updates as a Server-Sent Events stream of the outbox's live-update
 * events (counts and prescriber names only, as the sync engine wrote them) and
 * EHR change events (ids only); `?pharmacyId=` or `?practiceId=` narrows it.
 *
 * Auth: the caller is the CRM back end. In the cloud this function is not
 * public; Cloud Run IAM admits only the CRM's service account (roles/run.invoker),
 * so no admin check runs here.
 *
 * A stream lasts until the client leaves or the platform's request timeout
 * ends it; EventSource then reconnects with Last-Event-ID and the hub replays
 * what it missed.
 */
import { AppError } from '../errors/app-error.js';
import type { LiveFilter } from './live-event-reads.js';
import type { LiveUpdatesHub } from './live-updates-hub.js';
import { formatSseEvent, SSE_PING, SSE_READY, SSE_RETRY } from './sse-format.js';
import type { HttpRequest, HttpResponse } from '../http/http-types.js';
import { queryParam } from '../http/request-url.js';
import { sendError } from '../http/send-error.js';
import { sendJson } from '../http/send-json.js';
import type { Logger } from '../log/logger.js';

/** The streaming part of a response that node:http and Express both have. */
export interface SseResponse extends HttpResponse {
  write(chunk: string): boolean;
  flushHeaders(): void;
  on(event: 'close', listener: () => void): unknown;
}

export interface SseHandlerDeps {
  hub: LiveUpdatesHub;
  log: Logger;
  /** Comment heartbeat interval; 15 s keeps idle proxies from closing the stream. */
  heartbeatMs?: number;
}

const OUTBOX_ID = /^\d{1,18}$/;
// Pharmacy and practice ids share one shape (PHARMACY_ID_PATTERN, PRACTICE_ID_PATTERN).
const OWNER_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Builds the handler; it resolves once the client has gone and everything is cleaned up. */
export function createSseHandler(deps: SseHandlerDeps): (req: HttpRequest, res: SseResponse) => Promise<void> {
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  return async (req, res) => {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'live-updates answers GET only' } });
      return;
    }
    let afterId: string | null;
    let filter: LiveFilter;
    try {
      ({ afterId, filter } = parseRequest(req));
    } catch (err) {
      sendError(res, err, deps.log);
      return;
    }

    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no'); // nginx-style proxies would otherwise buffer the stream
    res.flushHeaders();
    res.write(SSE_RETRY);

    let open = true;
    const closed = new Promise<void>((resolve) =>
      res.on('close', () => {
        open = false;
        resolve();
      }),
    );
    const heartbeat = setInterval(() => res.write(SSE_PING), heartbeatMs);
    let unsubscribe: (() => void) | undefined;
    try {
      unsubscribe = await deps.hub.subscribe(
        afterId,
        (e) => {
          if (open) res.write(formatSseEvent(e));
        },
        filter,
      );
      // Tells the client (and tests) that from here on nothing committed is missed.
      if (open) res.write(SSE_READY);
      if (open) await closed;
    } catch {
      // Headers are out already: end the stream; the browser reconnects with its Last-Event-ID.
      deps.log.warn('live-updates subscribe failed', { pharmacyFiltered: filter.pharmacyId !== undefined, practiceFiltered: filter.practiceId !== undefined });
      res.end();
    } finally {
      clearInterval(heartbeat);
      unsubscribe?.();
    }
  };
}

function parseRequest(req: HttpRequest): { afterId: string | null; filter: LiveFilter } {
  const header = req.headers['last-event-id'];
  // The query form exists for browsers whose EventSource was recreated by hand (no header then).
  const raw = (Array.isArray(header) ? header[0] : header) ?? queryParam(req, 'lastEventId');
  const last = raw === undefined || raw.trim() === '' ? null : raw.trim();
  if (last !== null && !OUTBOX_ID.test(last)) {
    throw new AppError('input', 'invalid_query', 'Last-Event-ID must be an event id from this stream', {
      field: 'Last-Event-ID',
    });
  }
  const pharmacyId = queryParam(req, 'pharmacyId');
  const practiceId = queryParam(req, 'practiceId');
  if (pharmacyId !== undefined && !OWNER_ID.test(pharmacyId)) {
    throw new AppError('input', 'invalid_query', 'pharmacyId is not a valid pharmacy id', { field: 'pharmacyId' });
  }
  if (practiceId !== undefined && !OWNER_ID.test(practiceId)) {
    throw new AppError('input', 'invalid_query', 'practiceId is not a valid practice id', { field: 'practiceId' });
  }
  if (pharmacyId !== undefined && practiceId !== undefined) {
    throw new AppError('input', 'invalid_query', 'give pharmacyId or practiceId, not both', { field: 'practiceId' });
  }
  const filter: LiveFilter = pharmacyId !== undefined ? { pharmacyId } : practiceId !== undefined ? { practiceId } : {};
  return { afterId: last, filter };
}
