/** `deepcuraNotes` (admin): GET ?unlinked=true&limit=&practiceId= lists Deep Cura notes without their text. */
import { z } from 'zod';
import { listDeepCuraNotes } from '../../shared/deepcura/list-deepcura-notes.js';
import { AppError } from '../../shared/errors/app-error.js';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import { describeIssues } from '../../shared/http/describe-issues.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { queryParam } from '../../shared/http/request-url.js';
import { runHandler } from '../../shared/http/run-handler.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

const querySchema = z.object({
  unlinked: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1, 'must be 1 to 500').max(500, 'must be 1 to 500').default(100),
  practiceId: z.string().min(1).max(63).optional(),
});

/** 200 {notes} · 400 bad query · 401 · 405. */
export function createDeepCuraNotesHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['GET'], async (rt) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      const parsed = querySchema.safeParse({
        unlinked: queryParam(req, 'unlinked'),
        limit: queryParam(req, 'limit'),
        practiceId: queryParam(req, 'practiceId'),
      });
      if (!parsed.success) {
        const problems = describeIssues(parsed.error.issues);
        throw new AppError('input', 'invalid_query', problems.join('; '), { problems });
      }
      return { status: 200, body: { notes: await listDeepCuraNotes(rt.db, parsed.data) } };
    });
}
