/**
 * `maintenanceCleanup` (Cloud Scheduler, OIDC; or an admin): POST
 * {"retentionDays"?: 1–3650} clears raw bodies and payloads of finished deliveries
 * older than the retention (default RETENTION_DAYS_RAW_WEBHOOKS) and deletes
 * old published outbox rows, answering what it removed. A run stops starting
 * batches after CLEANUP_TIME_BUDGET_MS (inside the 900 s timeout) and answers
 * complete: false; the next run continues.
 */
import { z } from 'zod';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { runHandler } from '../../shared/http/run-handler.js';
import { runCleanup } from '../../shared/maintenance/cleanup.js';
import { retentionDaysSchema } from '../../shared/maintenance/retention-days.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

const bodySchema = z.strictObject({
  retentionDays: retentionDaysSchema.optional(),
});

/** 200 {rawBodiesCleared, payloadsCleared, outboxDeleted, runId, complete} · 400 · 401 · 405 · 503. */
export function createMaintenanceCleanupHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['POST'], async (rt, correlationId) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      const body = readJsonBody(req, bodySchema);
      const report = await runCleanup(rt.db, {
        now: rt.clock.now(),
        retentionDays: body.retentionDays ?? rt.config.RETENTION_DAYS_RAW_WEBHOOKS,
        log: rt.log.child({ correlationId }),
        correlationId,
      });
      return { status: 200, body: report };
    });
}
