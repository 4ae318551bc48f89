// One request under /api, in the order a real gateway applies things: the
// bearer token, the hourly budget, injected failures, the cross-origin
// redirect, then the route, after the configured latency.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { routeApi, routeOf } from './api-routes.js';
import { BadRequest, errorReply, sendReply } from './http-io.js';
import type { Reply } from './http-io.js';
import type { SandboxState } from './sandbox-state.js';

/** Which listener a request arrived on: the main origin, or the second one 302s point to. */
export interface Origin {
  self: URL;
  /** Base URL of the second origin when this is the main one (it redirects there); undefined on the second. */
  redirectTo: string | undefined;
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

async function decide(state: SandboxState, req: IncomingMessage, origin: Origin): Promise<Reply> {
  const path = routeOf(origin.self.pathname);
  state.stats.request(path.route);
  const token = bearer(req);
  const practiceId = token === undefined ? undefined : state.authority.practiceFor(token);
  const practice = practiceId === undefined ? undefined : state.practices.get(practiceId);
  if (!practice) {
    state.stats.count('unauthorized');
    const detail = token === undefined ? 'Authentication credentials were not provided.' : 'Invalid token.';
    return errorReply(401, detail, { 'www-authenticate': 'Bearer realm="api"' });
  }
  state.stats.practice(practice.id);
  // The budget belongs to the API application: every practice's calls spend it. No Retry-After (contract).
  if (!state.budget.tryTake(state.now().getTime(), state.faults.requestsPerHour)) {
    state.stats.count('rateLimited');
    return errorReply(429, 'Request was throttled.');
  }
  const failure = state.faults.takeFailure(path);
  if (failure) {
    if (failure.status === 429) state.stats.count('rateLimited');
    return errorReply(failure.status, `injected ${failure.status}`);
  }
  if (origin.redirectTo !== undefined && req.method === 'GET' && path.route === '/api/clinical_notes' && state.faults.redirectClinicalNotes) {
    state.stats.count('redirects');
    return { status: 302, body: null, headers: { location: `${origin.redirectTo}${origin.self.pathname}${origin.self.search}` } };
  }
  try {
    return await routeApi({ req, practice, self: origin.self, faults: state.faults, bulk: state.bulk }, path);
  } catch (err) {
    if (err instanceof BadRequest) return errorReply(400, err.message);
    throw err;
  }
}

/** Serves one /api request. */
export async function handleApiRequest(state: SandboxState, req: IncomingMessage, res: ServerResponse, origin: Origin): Promise<void> {
  const reply = await decide(state, req, origin);
  const delayMs = state.faults.latencyMs;
  if (delayMs > 0) await sleep(delayMs);
  if (req.socket.destroyed) return; // the client gave up (its timeout) while we slept
  sendReply(res, reply);
}
