/**
 * `drchronoSync` (Cloud Scheduler with OIDC, or an admin): POST {} reconciles
 * every practice that is due (a practice whose run is already going is
 * skipped); POST {"practiceId","full"?} is "Sync Now" for one practice, and
 * answers 404 for an unknown practice and 409 naming the run already going.
 */
import { z } from 'zod';
import { createEhrSyncDeps } from '../../shared/ehr-sync/create-ehr-sync-deps.js';
import { syncDuePractices } from '../../shared/ehr-sync/sync-due-practices.js';
import { syncPractice } from '../../shared/ehr-sync/sync-practice.js';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { runHandler } from '../../shared/http/run-handler.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

const bodySchema = z.strictObject({
  practiceId: z.string().min(1, 'required').optional(),
  full: z.boolean().default(false),
});

/** 200 {summaries} · 400 · 401 · 404 unknown practice · 409 sync_running (with runId) · 405. */
export function createDrChronoSyncHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['POST'], async (rt, correlationId) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      const body = readJsonBody(req, bodySchema);
      const deps = createEhrSyncDeps(rt);
      if (body.practiceId === undefined) return { status: 200, body: { summaries: await syncDuePractices(deps) } };
      const summary = await syncPractice(deps, { practiceId: body.practiceId, kind: 'manual', full: body.full, correlationId });
      return { status: 200, body: { summaries: [summary] } };
    });
}
