/** `syncNow` (admin): POST {"pharmacyId","full"?} runs one manual sync and answers its summary. */
import { z } from 'zod';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { runHandler } from '../../shared/http/run-handler.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { createSyncDeps } from '../../shared/runtime/sync-deps.js';
import { syncPharmacy } from '../../shared/sync/sync-pharmacy.js';

const bodySchema = z.strictObject({
  pharmacyId: z.string().min(1, 'required'),
  full: z.boolean().default(false),
});

/** 200 summary · 400 bad body · 401 · 404 unknown pharmacy · 409 sync_running (with runId) · 405. */
export function createSyncNowHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['POST'], async (rt, correlationId) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      const body = readJsonBody(req, bodySchema);
      const summary = await syncPharmacy(createSyncDeps(rt), {
        pharmacyId: body.pharmacyId,
        kind: 'manual',
        full: body.full,
        correlationId,
      });
      return { status: 200, body: summary };
    });
}
