/**
 * `retryWorker` (Cloud Scheduler every minute, OIDC; admin auth): POST drains
 * one batch of due retry-queue items. Several instances may run at once; the
 * claim skips what another holds.
 */
import { z } from 'zod';
import { adminAuthSettings } from '../../shared/http/admin-auth-settings.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { runHandler } from '../../shared/http/run-handler.js';
import { runRetryWorker } from '../../shared/retry-queue/retry-worker.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { createRetryHandlers } from './handlers.js';

// The pass stops starting items after 45 s (well inside the minute between
// Scheduler ticks); the 5-minute lease covers that plus a slow last handler.
export const RETRY_TIME_BUDGET_MS = 45_000;
export const RETRY_LEASE_SECONDS = 300;

const bodySchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).optional(),
  /** Drain one tenant's items only (an admin's "retry now"). */
  pharmacyId: z.string().min(1).optional(),
  practiceId: z.string().min(1).optional(),
});

/** 200 {claimed, succeeded, failed, dead, released, leaseLost} · 400 · 401 · 405. */
export function createRetryWorkerHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['POST'], async (rt) => {
      await authorizeAdmin(req, adminAuthSettings(rt));
      const body = readJsonBody(req, bodySchema);
      const summary = await runRetryWorker(
        { db: rt.db, log: rt.log, clock: rt.clock, handlers: createRetryHandlers(rt) },
        {
          limit: body.limit ?? rt.config.RETRY_WORKER_BATCH,
          leaseSeconds: RETRY_LEASE_SECONDS,
          timeBudgetMs: RETRY_TIME_BUDGET_MS,
          pharmacyId: body.pharmacyId,
          practiceId: body.practiceId,
        },
      );
      return { status: 200, body: summary };
    });
}
