/**
 * Schedules what Cloud Scheduler runs in the cloud: per-pharmacy syncs and reconciliations, the outbox relay,
 * and the clinic side's jobs (the DrChrono sweep, the retry worker, the daily maintenance cleanup).
 */
import {
  everyMinutesCron,
  reconcileJobName,
  syncJobName,
  type JobScheduler,
} from '../../shared/scheduler/job-scheduler.js';

export const OUTBOX_RELAY_JOB = 'outbox-relay';
export const DRCHRONO_SYNC_JOB = 'drchrono-sync';
export const RETRY_WORKER_JOB = 'retry-worker';
export const MAINTENANCE_CLEANUP_JOB = 'maintenance-cleanup';
/** 04:30 UTC: after the 03:00 DRX reconciliation, in the quietest hours. */
export const MAINTENANCE_CLEANUP_CRON = '30 4 * * *';

export interface LocalScheduleOptions {
  scheduler: JobScheduler;
  /** The dev server, e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  syncIntervalMinutes: number;
  reconcileCron: string;
  /** How often the DrChrono sweep runs; it syncs only the practices that are due. */
  drchronoSyncIntervalMinutes: number;
}

/** Schedules the outbox relay every minute. */
export async function scheduleOutboxRelay(opts: LocalScheduleOptions): Promise<void> {
  await opts.scheduler.schedule(OUTBOX_RELAY_JOB, '* * * * *', { url: `${opts.baseUrl}/outbox-relay`, body: {} });
}

/**
 * Schedules the clinic-side jobs. One sweep serves every practice (it picks the due ones), so unlike
 * DRX there are no per-practice jobs to keep in step.
 */
export async function scheduleClinicJobs(opts: LocalScheduleOptions): Promise<void> {
  const job = (path: string) => ({ url: `${opts.baseUrl}${path}`, body: {} });
  await opts.scheduler.schedule(DRCHRONO_SYNC_JOB, everyMinutesCron(opts.drchronoSyncIntervalMinutes), job('/drchrono-sync'));
  await opts.scheduler.schedule(RETRY_WORKER_JOB, '* * * * *', job('/retry-worker'));
  await opts.scheduler.schedule(MAINTENANCE_CLEANUP_JOB, MAINTENANCE_CLEANUP_CRON, job('/maintenance-cleanup'));
}

/** Schedules one pharmacy's incremental sync and its full reconciliation. */
export async function schedulePharmacy(opts: LocalScheduleOptions, pharmacyId: string): Promise<void> {
  const url = `${opts.baseUrl}/drx-sync`;
  await opts.scheduler.schedule(syncJobName(pharmacyId), everyMinutesCron(opts.syncIntervalMinutes), {
    url,
    body: { pharmacyId },
  });
  await opts.scheduler.schedule(reconcileJobName(pharmacyId), opts.reconcileCron, {
    url,
    body: { pharmacyId, full: true },
  });
}

/**
 * Keeps the jobs in step with the enabled pharmacies: `listEnabled` is re-read every
 * minute so a pharmacy added at runtime (POST /pharmacies) gets its jobs too.
 */
export async function startLocalScheduler(
  opts: LocalScheduleOptions & { listEnabled: () => Promise<string[]> },
): Promise<{ refresh(): Promise<string[]>; stop(): Promise<void> }> {
  const scheduled = new Set<string>();
  const refresh = async (): Promise<string[]> => {
    const added: string[] = [];
    for (const id of await opts.listEnabled()) {
      if (scheduled.has(id)) continue;
      await schedulePharmacy(opts, id);
      scheduled.add(id);
      added.push(id);
    }
    return added;
  };
  await scheduleOutboxRelay(opts);
  await scheduleClinicJobs(opts);
  await refresh();
  const timer = setInterval(() => {
    refresh().catch(() => undefined);
  }, 60_000);
  timer.unref();
  return {
    refresh,
    async stop() {
      clearInterval(timer);
      await opts.scheduler.stop();
    },
  };
}
