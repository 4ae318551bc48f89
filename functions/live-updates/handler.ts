/**
 * The `liveUpdates` function: the SSE stream over this instance's hub.
 * Cloud Run IAM (invoker = the CRM's service account) is what guards it; see
 * shared/events/sse-handler.ts.
 */
import { clientListenConnector } from '../../shared/events/listen-connection.js';
import { createLiveUpdatesHub, type LiveUpdatesHub } from '../../shared/events/live-updates-hub.js';
import { createSseHandler, type SseResponse } from '../../shared/events/sse-handler.js';
import type { HttpRequest } from '../../shared/http/http-types.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

export interface LiveUpdatesHandler {
  (req: HttpRequest, res: SseResponse): Promise<void>;
  /** Stops the instance's hub (dev server shutdown, tests). */
  close(): Promise<void>;
}

/** The handler over the Runtime `rt()` gives; the hub is built on the first request, once per instance. */
export function createLiveUpdatesHandler(rt: () => Runtime): LiveUpdatesHandler {
  let hub: LiveUpdatesHub | undefined;
  let sse: ReturnType<typeof createSseHandler> | undefined;
  const instance = (): ReturnType<typeof createSseHandler> => {
    if (sse) return sse;
    const { db, config, log, instanceId } = rt();
    hub = createLiveUpdatesHub({
      db,
      // A dedicated LISTEN client, so a stream never holds a query connection of the pool.
      connect: clientListenConnector(config.DATABASE_URL, { applicationName: `rxbridge-listen-${instanceId}` }),
      log: log.child({ function: 'liveUpdates' }),
      replayLimit: config.LIVE_UPDATES_REPLAY_LIMIT,
    });
    sse = createSseHandler({ hub, log });
    return sse;
  };
  return Object.assign((req: HttpRequest, res: SseResponse) => instance()(req, res), {
    close: async () => {
      await hub?.close();
    },
  });
}
