/**
 * `drxSync` (Cloud Scheduler, OIDC): POST {"pharmacyId"?,"full"?} syncs one
 * pharmacy, or every enabled pharmacy that is due. A sync already running is
 * a 200 "skipped", not a 409, so Scheduler does not retry into it.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors/app-error.js';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { runHandler } from '../../shared/http/run-handler.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { createSyncDeps } from '../../shared/runtime/sync-deps.js';
import { syncDuePharmacies } from '../../shared/sync/sync-due-pharmacies.js';
import { syncPharmacy } from '../../shared/sync/sync-pharmacy.js';

const bodySchema = z.strictObject({
  pharmacyId: z.string().min(1, 'required').optional(),
  full: z.boolean().default(false),
});

/** 200 {summaries} · 200 {skipped:'sync_running'} · 400 · 401 · 404 unknown pharmacy · 405. */
export function createDrxSyncHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['POST'], async (rt, correlationId) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      const body = readJsonBody(req, bodySchema);
      const deps = createSyncDeps(rt);
      if (body.pharmacyId === undefined) {
        const summaries = await syncDuePharmacies(deps, { reconcileIntervalHours: rt.config.RECONCILE_INTERVAL_HOURS });
        return { status: 200, body: { summaries } };
      }
      try {
        const summary = await syncPharmacy(deps, { pharmacyId: body.pharmacyId, kind: 'scheduled', full: body.full, correlationId });
        return { status: 200, body: { summaries: [summary] } };
      } catch (err) {
        if (err instanceof AppError && err.code === 'sync_running') {
          return { status: 200, body: { skipped: 'sync_running', pharmacyId: body.pharmacyId, runId: err.details.runId } };
        }
        throw err;
      }
    });
}
