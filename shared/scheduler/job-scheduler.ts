/** Scheduled HTTP calls as a port: Cloud Scheduler in the cloud, croner on a laptop. */

/** What a job calls: a POST of `body` as JSON to `url`. */
export interface JobTarget {
  url: string;
  body: Record<string, unknown>;
}

export interface JobScheduler {
  /** Creates or replaces the job called `name`, firing on `cron` (5-field, UTC). */
  schedule(name: string, cron: string, target: JobTarget): Promise<void>;
  /** Stops firing jobs owned by this process (cloud jobs keep running in the cloud). */
  stop(): Promise<void>;
}

/** A cron expression firing every `minutes` minutes (aligned to the hour when it divides it). */
export function everyMinutesCron(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error(`interval must be a positive whole number of minutes, got ${minutes}`);
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes % 60 === 0 && minutes < 24 * 60) return `0 */${minutes / 60} * * *`;
  return '0 0 * * *';
}

/** Job name for a pharmacy's incremental sync (Cloud Scheduler names: letters, digits, - and _). */
export function syncJobName(pharmacyId: string): string {
  return `drx-sync-${pharmacyId}`;
}

/** Job name for a pharmacy's full reconciliation. */
export function reconcileJobName(pharmacyId: string): string {
  return `drx-reconcile-${pharmacyId}`;
}
