// One request to a store's API, in the order a real gateway would apply
// things: auth, rate limit, injected failure, the route, delay, dropped socket.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { routeApi, routeOf } from './api-routes.js';
import { BadRequest, errorReply, sendPartialThenDrop, sendReply } from './http-io.js';
import type { Reply } from './http-io.js';
import type { Store } from './store.js';

/** Serves `subpath` (the part after /external_api/v1) of `store`. */
export async function handleApiRequest(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  subpath: string,
  params: URLSearchParams,
): Promise<void> {
  const path = routeOf(subpath === '' ? '/' : subpath);
  store.recordRequest(path);
  const reply = await decide(store, req, path, params);
  const delayMs = store.faultState.takeDelayMs(path);
  if (delayMs > 0) await sleep(delayMs);
  if (req.socket.destroyed) return; // the client gave up (its timeout) while we slept
  const drop = store.faultState.takeDrop(path);
  if (drop) sendPartialThenDrop(res, reply, drop.afterBytes);
  else sendReply(res, reply);
}

async function decide(
  store: Store,
  req: IncomingMessage,
  path: ReturnType<typeof routeOf>,
  params: URLSearchParams,
): Promise<Reply> {
  // A wrong key is rejected before the rate limit, so it cannot spend the real key's budget.
  if (req.headers['x-drx-key'] !== store.apiKey) return errorReply(401, 'invalid key');
  if (!store.admit()) {
    store.recordRateLimited();
    return rateLimited(store.faultState.retryAfterSeconds());
  }
  const failure = store.faultState.takeFailure(path);
  if (failure) {
    if (failure.status === 429) {
      store.recordRateLimited();
      return rateLimited(failure.retryAfterSeconds);
    }
    return errorReply(failure.status, `injected ${failure.status}`, retryAfter(failure.retryAfterSeconds));
  }
  try {
    return await routeApi(store, req, path, params);
  } catch (err) {
    if (err instanceof BadRequest) return errorReply(400, err.message);
    throw err;
  }
}

function retryAfter(seconds: number | undefined): Record<string, string> | undefined {
  return seconds === undefined ? undefined : { 'retry-after': String(seconds) };
}

function rateLimited(retryAfterSeconds: number | undefined): Reply {
  return errorReply(429, 'rate limit exceeded', retryAfter(retryAfterSeconds));
}
