/** One DrChrono reconciliation of one practice: lease, run log, the cursor streams, the per-patient streams, one atomic finish. */
import { randomUUID } from 'node:crypto';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import { AppError } from '../errors/app-error.js';
import { describeRunError, type RunError } from '../sync/run-error.js';
import { startRun } from '../sync/run-log.js';
import { leaseLostError } from '../sync/sync-lease.js';
import { CURSOR_STREAMS, type EhrStream } from './ehr-streams.js';
import type { EhrSyncDeps, EhrSyncRequest } from './ehr-sync-deps.js';
import { finishPracticeSync } from './finish-practice-sync.js';
import { beginFullPass, fullPassDue } from './full-pass.js';
import { countPendingPatients } from './pending-patients.js';
import { acquirePracticeLease, releasePracticeLease, renewPracticeLease } from './practice-lease.js';
import { BUDGET_EXHAUSTED, practiceRunMessage, practiceRunStatus } from './practice-run-report.js';
import { addEhrCounts, emptyEhrCounts, type EhrCounts, type EhrStreamResult, type PracticeSyncSummary } from './practice-sync-summary.js';
import { syncCursorStream } from './sync-cursor-stream.js';
import { syncPatientRecords } from './sync-patient-records.js';

// No later stream can do better after these: stop instead of spending requests on failures.
const RUN_STOPPING_CODES: ReadonlySet<string> = new Set([BUDGET_EXHAUSTED, 'drchrono_unauthorized', 'drchrono_not_connected', 'sync_lease_lost']);

/** Runs the reconciliation; throws not_found (unknown practice) or conflict sync_running (a run holds the lease). */
export async function syncPractice(deps: EhrSyncDeps, req: EhrSyncRequest): Promise<PracticeSyncSummary> {
  const { db, clock, settings } = deps;
  const practice = await db.selectFrom('practices').select('id').where('id', '=', req.practiceId).executeTakeFirst();
  if (!practice) throw new AppError('not_found', 'unknown_practice', `unknown practice ${req.practiceId}`, { practiceId: req.practiceId });
  const runId = deps.newId?.() ?? randomUUID();
  const correlationId = req.correlationId ?? runId;
  const lease = { practiceId: req.practiceId, runId };
  const got = await acquirePracticeLease(db, { ...lease, holder: deps.holderId, ttlSeconds: settings.leaseSeconds });
  if (!got.ok) {
    throw new AppError('conflict', 'sync_running', `a sync is already running for ${req.practiceId}`, {
      runId: got.runningRunId,
      holder: got.holder,
      since: got.since.toISOString(),
    });
  }
  const log = deps.log.child({ correlationId, runId, practiceId: req.practiceId });
  try {
    const startedAt = clock.now();
    // Sync Now with full: true asks for a fresh pass; any other run of a practice due one (first backfill, or a
    // pass unfinished) continues or starts it, as the sweep would (see fullPassDue), and is logged and answered as full.
    const runsPass = req.full || (await fullPassDue(db, req.practiceId));
    const fullPass = runsPass ? await beginFullPass(db, { lease, now: startedAt, fresh: req.full && req.kind === 'manual' }) : null;
    const full = fullPass !== null;
    await startRun(db, { id: runId, correlationId, source: 'drchrono', kind: req.kind, pharmacyId: null, practiceId: req.practiceId, full, startedAt });
    log.info('ehr sync started', { kind: req.kind, full, ...(full && !req.full ? { continuesFullPass: true } : {}) });
    const skipped = (): EhrStreamResult => ({ ...emptyEhrCounts(), status: 'skipped', pages: 0 });
    const streams: Record<EhrStream, EhrStreamResult> = {
      patients: skipped(), appointments: skipped(), clinical_notes: skipped(), line_items: skipped(),
      medications: skipped(), problems: skipped(), allergies: skipped(), insurances: skipped(),
    };
    let firstError: RunError | null = null;
    let stoppedBy: RunError | null = null;
    const afterPage = (stream: EhrStream) => async (page: number, counts: EhrCounts) => {
      if (!(await renewPracticeLease(db, { ...lease, ttlSeconds: settings.leaseSeconds }))) {
        throw leaseLostError(req.practiceId);
      }
      req.onProgress?.({ practiceId: req.practiceId, stream, page, counts });
    };

    let api: DrChronoApi | null = null;
    try {
      api = await deps.openApi(req.practiceId);
    } catch (err) {
      firstError = stoppedBy = describeRunError(err);
      log.warn('drchrono api unavailable', { errorCode: firstError.code });
    }
    for (const stream of api ? CURSOR_STREAMS : []) {
      const r = await syncCursorStream({ db, api: api as DrChronoApi, practiceId: req.practiceId, stream, fullPass, runId, now: clock.now(), settings, afterPage: afterPage(stream) });
      streams[stream] = r;
      if (r.status !== 'failed') continue;
      firstError ??= { code: r.errorCode ?? 'internal', message: r.error ?? 'failed' };
      log.warn('ehr sync stream failed', { stream, errorCode: r.errorCode, pages: r.pages, fetched: r.fetched });
      if (RUN_STOPPING_CODES.has(r.errorCode ?? '')) {
        stoppedBy = { code: r.errorCode ?? 'internal', message: r.error ?? 'failed' };
        break;
      }
    }
    if (api && !stoppedBy) {
      const outcome = await syncPatientRecords({
        db, api, clock, practiceId: req.practiceId, runId, pageSize: settings.pageSize, stopCodes: RUN_STOPPING_CODES, afterPatient: afterPage('medications'),
      });
      Object.assign(streams, outcome.streams);
      stoppedBy = outcome.stoppedBy;
      const failed = outcome.streams.medications;
      if (failed.status === 'failed') {
        firstError ??= { code: failed.errorCode ?? 'internal', message: failed.error ?? 'failed' };
        log.warn('ehr sync patient records failed', { errorCode: failed.errorCode, patients: failed.pages });
      }
    }

    const totals = emptyEhrCounts();
    for (const r of Object.values(streams)) addEhrCounts(totals, r);
    const status = practiceRunStatus(streams, stoppedBy);
    const pendingPatients = await countPendingPatients(db, req.practiceId);
    const finishedAt = clock.now();
    const { durationMs, leaseHeld } = await finishPracticeSync(db, {
      runId, practiceId: req.practiceId, full, fullPass, status, startedAt, finishedAt, streams, totals, pendingPatients, error: stoppedBy ?? firstError,
    });
    if (!leaseHeld) log.warn('ehr sync lost its lease before finishing; the practice status is left to the run that holds it');
    log.info('ehr sync finished', { status, durationMs, pendingPatients, ...totals });
    return {
      runId, correlationId, practiceId: req.practiceId, kind: req.kind, full, status,
      startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), durationMs, streams, totals, pendingPatients,
      errorCode: (stoppedBy ?? firstError)?.code ?? null,
      message: practiceRunMessage({ practiceId: req.practiceId, status, totals, streams, pendingPatients }),
    };
  } finally {
    await releasePracticeLease(db, lease);
  }
}
