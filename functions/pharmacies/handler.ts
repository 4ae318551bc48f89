/** `pharmacies` (admin): POST adds or updates a pharmacy (201/200); GET lists them with integration health. */
import { listPharmacies } from '../../shared/db/list-pharmacies.js';
import { AppError } from '../../shared/errors/app-error.js';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { requestPath } from '../../shared/http/request-url.js';
import { runHandler } from '../../shared/http/run-handler.js';
import { addPharmacy } from '../../shared/pharmacies/add-pharmacy.js';
import { addPharmacyInputSchema } from '../../shared/pharmacies/add-pharmacy-input.js';
import { onboardingDeps } from '../../shared/pharmacies/onboarding-deps.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

// Deployed, the function sees `/`; behind a path-routing proxy it may see `/pharmacies`.
const COLLECTION_PATHS = new Set(['/', '/pharmacies', '/pharmacies/']);

/** POST → 201 created / 200 updated with {pharmacyId, created, keyHint, webhooks}; GET → 200 {pharmacies}. */
export function createPharmaciesHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['GET', 'POST'], async (rt) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      if (!COLLECTION_PATHS.has(requestPath(req))) throw new AppError('not_found', 'not_found', 'no such resource');
      if (req.method?.toUpperCase() === 'GET') return { status: 200, body: { pharmacies: await listPharmacies(rt.db) } };
      const input = readJsonBody(req, addPharmacyInputSchema);
      const result = await addPharmacy(onboardingDeps(rt), input);
      return { status: result.created ? 201 : 200, body: result };
    });
}
