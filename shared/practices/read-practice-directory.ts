/** What connecting learns from DrChrono with a fresh token: who it belongs to, and the practice's doctors and offices. */
import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../time/clock.js';
import type { Config } from '../config/env-schema.js';
import { createDrChronoRequester, type DrChronoRequester } from '../drchrono/drchrono-requester.js';
import { practiceBudget } from '../drchrono/practice-budget.js';
import { currentUserSchema, listEnvelopeSchema } from '../drchrono/wire-envelopes.js';
import { wireId } from '../drchrono/wire-fields.js';

export interface PracticeDirectory {
  userId: string;
  doctorIds: string[];
  officeIds: string[];
}

const idOnly = z.object({ id: wireId });

/** Checks the token (`GET /api/users/current`), then lists every doctor and office (all pages). */
export async function readPracticeDirectory(
  deps: { db: Db; clock: Clock; log: Logger; config: Config; fetchImpl?: typeof fetch },
  target: { practiceId: string; baseUrl: string; accessToken: string; requestsPerHour: number },
): Promise<PracticeDirectory> {
  const requester = createDrChronoRequester({
    practiceId: target.practiceId,
    baseUrl: target.baseUrl,
    // The token was issued a moment ago: a 401 now means it is not usable, not that it expired.
    auth: {
      token: () => Promise.resolve(target.accessToken),
      refresh: () => Promise.reject(new AppError('input', 'drchrono_unauthorized', `DrChrono refused the new access token of ${target.practiceId} on /api/users/current`)),
    },
    budget: practiceBudget(deps.db, deps.clock, target.practiceId, target.requestsPerHour),
    clock: deps.clock,
    log: deps.log,
    timeoutMs: deps.config.DRCHRONO_REQUEST_TIMEOUT_MS,
    fetchImpl: deps.fetchImpl,
  });
  const user = currentUserSchema.safeParse(await requester.send({ target: '/api/users/current' }));
  if (!user.success) throw new AppError('retryable', 'drchrono_bad_response', 'DrChrono answered /api/users/current without a user id');
  return {
    userId: user.data.id,
    doctorIds: await allIds(requester, '/api/doctors'),
    officeIds: await allIds(requester, '/api/offices'),
  };
}

async function allIds(requester: DrChronoRequester, path: string): Promise<string[]> {
  const ids = new Set<string>();
  let target: string | URL | null = path;
  while (target !== null) {
    const page = listEnvelopeSchema.safeParse(await requester.send({ target, query: typeof target === 'string' ? new URLSearchParams({ page_size: '250' }) : undefined }));
    if (!page.success) throw new AppError('retryable', 'drchrono_bad_response', `DrChrono answered ${path} without a results list`, { path });
    for (const r of page.data.results) {
      const parsed = idOnly.safeParse(r);
      if (parsed.success) ids.add(parsed.data.id);
    }
    target = page.data.next === null ? null : requester.vet(page.data.next);
  }
  return [...ids];
}
