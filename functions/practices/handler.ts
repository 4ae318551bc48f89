/** `practices` (admin): POST connects or reconnects a DrChrono practice (201/200); GET lists practices (no secrets). */
import { AppError } from '../../shared/errors/app-error.js';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { parseJsonBody } from '../../shared/http/read-json-body.js';
import { requestPath } from '../../shared/http/request-url.js';
import { runHandler } from '../../shared/http/run-handler.js';
import { connectPractice } from '../../shared/practices/connect-practice.js';
import type { ConnectPracticeInput } from '../../shared/practices/connect-practice-input.js';
import { listPractices } from '../../shared/practices/list-practices.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

// Deployed, the function sees `/`; behind a path-routing proxy it may see `/practices`.
const COLLECTION_PATHS = new Set(['/', '/practices', '/practices/']);

/** POST → 201 created / 200 updated with {practiceId, created, doctors, offices, user}; GET → 200 {practices}. */
export function createPracticesHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['GET', 'POST'], async (rt) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      if (!COLLECTION_PATHS.has(requestPath(req))) throw new AppError('not_found', 'not_found', 'no such resource');
      if (req.method?.toUpperCase() === 'GET') return { status: 200, body: { practices: await listPractices(rt.db) } };
      // connectPractice validates the body itself (same rules for the CLI), naming fields, never values.
      const result = await connectPractice(rt, parseJsonBody(req) as ConnectPracticeInput);
      return { status: result.created ? 201 : 200, body: result };
    });
}
