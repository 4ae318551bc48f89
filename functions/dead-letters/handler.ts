/**
 * `deadLetters` (admin): GET lists dead letters (no bodies) by
 * ?status=&source=&kind=&pharmacyId=&practiceId=&since=&limit= (status
 * unroutable lists unroutable deliveries instead); POST replays them:
 * {ids} or a filter, or {all: true} for every one.
 */
import { AppError } from '../../shared/errors/app-error.js';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import { describeIssues } from '../../shared/http/describe-issues.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { queryParam } from '../../shared/http/request-url.js';
import { runHandler } from '../../shared/http/run-handler.js';
import { deadLetterFilterSchema, replayRequestSchema, type DeadLetterFilter } from '../../shared/retry-queue/dead-letter-filter.js';
import { listDeadLetters, replayDeadLetters } from '../../shared/retry-queue/dead-letters.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

// Every field of deadLetterFilterSchema: a parameter missing here is silently ignored, not refused.
const FILTER_PARAMS = ['status', 'source', 'kind', 'pharmacyId', 'practiceId', 'since', 'limit'] as const satisfies readonly (keyof DeadLetterFilter)[];
type UnreadParam = Exclude<keyof DeadLetterFilter, (typeof FILTER_PARAMS)[number]>;
// Fails to compile when the filter gains a field this list does not read.
export const EVERY_FILTER_PARAM_READ: [UnreadParam] extends [never] ? true : never = true;

/** GET 200 {deadLetters} · POST 200 {replayed} · 400 bad filter / no filter · 401 · 405. */
export function createDeadLettersHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['GET', 'POST'], async (rt) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      if (req.method?.toUpperCase() === 'GET') {
        return { status: 200, body: { deadLetters: await listDeadLetters(rt.db, filterFromQuery(req)) } };
      }
      const request = readJsonBody(req, replayRequestSchema);
      return { status: 200, body: await replayDeadLetters(rt.db, request, rt.clock.now()) };
    });
}

function filterFromQuery(req: HttpRequest): DeadLetterFilter {
  const raw = Object.fromEntries(FILTER_PARAMS.map((p) => [p, queryParam(req, p) || undefined]));
  const parsed = deadLetterFilterSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new AppError('input', 'invalid_query', problems.join('; '), { problems });
  }
  return parsed.data;
}
