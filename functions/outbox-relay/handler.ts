/** The `outboxRelay` function: POST (admin, e.g. Cloud Scheduler with an OIDC token) → `{published, failed}`. */
import type { Db } from '../../shared/db/create-db.js';
import { relayOutbox } from '../../shared/events/outbox-relay.js';
import type { Publisher } from '../../shared/events/publisher.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import { correlationIdOf } from '../../shared/http/correlation-id.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { sendError } from '../../shared/http/send-error.js';
import { sendJson } from '../../shared/http/send-json.js';
import type { Logger } from '../../shared/log/logger.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

export interface OutboxRelayDeps {
  db: Db;
  publisher: Publisher;
  log: Logger;
  topicName: string;
  batchSize?: number;
  budgetMs?: number;
  /** Resolves for an admin caller, throws an AppError('unauthorized') otherwise. */
  authorize(req: HttpRequest): Promise<unknown>;
}

/** The handler over narrow deps: verify → relay → answer the counts. */
export function createOutboxRelayHandlerWith(deps: OutboxRelayDeps): (req: HttpRequest, res: HttpResponse) => Promise<void> {
  return async (req, res) => {
    const correlationId = correlationIdOf(req.headers);
    const log = deps.log.child({ correlationId });
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'outbox-relay answers POST only' } });
      return;
    }
    try {
      await deps.authorize(req);
      const result = await relayOutbox(deps.db, deps.publisher, {
        topicName: deps.topicName,
        batchSize: deps.batchSize,
        budgetMs: deps.budgetMs,
        log,
      });
      sendJson(res, 200, result);
    } catch (err) {
      sendError(res, err, log, correlationId);
    }
  };
}

/** The handler over the Runtime `rt()` gives (read per request, so it may be built after start-up). */
export function createOutboxRelayHandler(rt: () => Runtime): (req: HttpRequest, res: HttpResponse) => Promise<void> {
  return (req, res) => {
    const { db, publisher, log, config, idTokens } = rt();
    return createOutboxRelayHandlerWith({
      db,
      publisher,
      log: log.child({ function: 'outboxRelay' }),
      topicName: config.CHANGE_EVENTS_TOPIC,
      authorize: (r) =>
        authorizeAdmin(r, {
          adminToken: config.ADMIN_TOKEN,
          allowedPrincipals: config.ADMIN_PRINCIPALS,
          idTokens,
          audience: config.ID_TOKEN_AUDIENCE,
        }),
    })(req, res);
  };
}
