/** One DRX sync of one pharmacy: lease, run log, the three streams in order, and one atomic finish. */
import { randomUUID } from 'node:crypto';
import { findDrxIntegration } from '../db/find-drx-integration.js';
import { AppError } from '../errors/app-error.js';
import { finishSync } from './finish-sync.js';
import { DRX_STREAMS, type DrxStream, type PageSource } from './page-source.js';
import { describeRunError, type RunError } from './run-error.js';
import { closeAbandonedRuns, startRun } from './run-log.js';
import { highlights, runMessage, runStatus } from './run-report.js';
import { createLeaseKeeper } from './lease-keeper.js';
import { acquireLease, releaseLease } from './sync-lease.js';
import type { SyncDeps, SyncRequest } from './sync-request.js';
import { syncStream } from './sync-stream.js';
import { emptyCounts, type StreamCounts, type StreamResult, type SyncSummary } from './sync-summary.js';

// Permanent for the whole run: no later stream can succeed, so stop instead of trying.
const RUN_STOPPING_CODES = new Set(['invalid_drx_key', 'sync_lease_lost']);
const COUNT_KEYS = ['fetched', 'created', 'updated', 'unchanged', 'invalid', 'failed'] as const;

/** Runs the sync; throws not_found (unknown pharmacy) or conflict (a sync already holds the lease). */
export async function syncPharmacy(deps: SyncDeps, req: SyncRequest): Promise<SyncSummary> {
  const { db, clock, settings } = deps;
  const integration = await findDrxIntegration(db, req.pharmacyId);
  if (!integration) {
    throw new AppError('not_found', 'unknown_pharmacy', `unknown pharmacy ${req.pharmacyId}`, { pharmacyId: req.pharmacyId });
  }
  const runId = deps.newId?.() ?? randomUUID();
  const correlationId = req.correlationId ?? runId;
  const lease = { pharmacyId: req.pharmacyId, system: 'drx' as const, runId };
  const got = await acquireLease(db, { ...lease, holder: deps.holderId, ttlSeconds: settings.leaseSeconds });
  if (!got.ok) {
    throw new AppError('conflict', 'sync_running', `a sync is already running for ${req.pharmacyId}`, {
      runId: got.runningRunId,
      holder: got.holder,
      since: got.since.toISOString(),
    });
  }
  const log = deps.log.child({ correlationId, runId, pharmacyId: req.pharmacyId });
  const leaseKeeper = createLeaseKeeper(db, clock, { ...lease, ttlSeconds: settings.leaseSeconds });
  try {
    const startedAt = clock.now();
    await startRun(db, { id: runId, correlationId, source: 'drx', kind: req.kind, pharmacyId: req.pharmacyId, full: req.full, startedAt });
    const abandoned = await closeAbandonedRuns(db, { source: 'drx', pharmacyId: req.pharmacyId, exceptRunId: runId, now: startedAt });
    if (abandoned > 0) log.warn('closed abandoned runs', { abandoned });
    log.info('sync started', { kind: req.kind, full: req.full });

    const skipped = (): StreamResult => ({ ...emptyCounts(), status: 'skipped', pages: 0 });
    const streams: Record<DrxStream, StreamResult> = { doctors: skipped(), prescriptions: skipped(), fills: skipped() };
    const created = new Map<string, { count: number; name: string | null }>();
    // Prescriber ids by NPI resolved during this run (prescribers are never deleted): spares lookups per page.
    const prescriberIds = new Map<string, string>();
    let newPrescribers = 0;
    let firstError: RunError | null = null;
    let stopped = false;

    let source: PageSource | null = null;
    try {
      source = await deps.openSource(integration);
    } catch (err) {
      firstError = describeRunError(err);
      stopped = true;
      log.warn('sync source unavailable', { errorCode: firstError.code });
    }
    for (const stream of source ? DRX_STREAMS : []) {
      const outcome = await syncStream({
        db,
        source: source as PageSource,
        pharmacyId: req.pharmacyId,
        stream,
        full: req.full,
        runId,
        now: clock.now(),
        settings,
        prescriberIds,
        afterPage: async (progress) => {
          await leaseKeeper.keepAlive();
          req.onProgress?.(progress);
        },
      });
      streams[stream] = outcome.result;
      newPrescribers += outcome.newPrescribers;
      for (const [id, c] of outcome.createdByPrescriber) created.set(id, c);
      const r = outcome.result;
      if (r.status !== 'failed') continue;
      firstError ??= { code: r.errorCode ?? 'internal', message: r.error ?? 'failed' };
      log.warn('sync stream failed', { stream, errorCode: r.errorCode, pages: r.pages, fetched: r.fetched, failed: r.failed });
      if (RUN_STOPPING_CODES.has(r.errorCode ?? '')) {
        stopped = true;
        break;
      }
    }

    const totals = sumCounts(Object.values(streams));
    const status = runStatus(streams, stopped);
    const newPrescriptions = streams.prescriptions.created;
    const top = highlights(created);
    const finishedAt = clock.now();
    const { durationMs, leaseHeld } = await finishSync(db, {
      runId, pharmacyId: req.pharmacyId, full: req.full, status, startedAt, finishedAt, streams, totals,
      newPrescribers, newPrescriptions, highlights: top, error: firstError,
    });
    if (!leaseHeld) log.warn('sync lost its lease before finishing; the integration status is left to the run that holds it');
    log.info('sync finished', { status, durationMs, ...totals });
    return {
      runId, correlationId, pharmacyId: req.pharmacyId, kind: req.kind, full: req.full, status,
      startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), durationMs, streams, totals,
      newPrescribers, newPrescriptions, highlights: top,
      message: runMessage({ pharmacyId: req.pharmacyId, status, newPrescribers, newPrescriptions, invalid: totals.invalid, streams }),
    };
  } finally {
    await releaseLease(db, lease);
  }
}

function sumCounts(results: StreamCounts[]): StreamCounts {
  const total = emptyCounts();
  for (const r of results) for (const k of COUNT_KEYS) total[k] += r[k];
  return total;
}
