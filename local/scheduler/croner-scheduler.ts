/** The Cloud Scheduler stand-in: croner jobs that POST JSON over real HTTP with a bearer token. */
import { Cron } from 'croner';
import type { JobScheduler, JobTarget } from '../../shared/scheduler/job-scheduler.js';
import type { Logger } from '../../shared/log/logger.js';

/** The outcome of one firing: the HTTP status, or the error when nothing answered. */
export interface JobFiring {
  name: string;
  status?: number;
  error?: string;
}

export interface CronerSchedulerOptions {
  /** Sent as `Authorization: Bearer …`, standing in for the OIDC token Cloud Scheduler sends. */
  bearerToken: string;
  log: Logger;
  /** Called after every firing (tests and the console read it). */
  onFired?: (firing: JobFiring) => void;
  /** Per-request timeout; a sync can take a while, Cloud Scheduler's default deadline is 3 minutes. */
  timeoutMs?: number;
}

export interface CronerScheduler extends JobScheduler {
  /** Fires a job now, as Cloud Scheduler's "force run" does; resolves when its request finished. */
  runNow(name: string): Promise<JobFiring>;
  /** Names of the scheduled jobs. */
  names(): string[];
}

/** Creates an in-process JobScheduler; every job is skipped while its previous firing still runs. */
export function createCronerScheduler(opts: CronerSchedulerOptions): CronerScheduler {
  const jobs = new Map<string, { cron: Cron; target: JobTarget }>();

  const fire = async (name: string, target: JobTarget): Promise<JobFiring> => {
    let firing: JobFiring;
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.bearerToken}` },
        body: JSON.stringify(target.body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 180_000),
      });
      await res.arrayBuffer();
      firing = { name, status: res.status };
    } catch (err) {
      firing = { name, error: err instanceof Error ? err.message : String(err) };
    }
    const fields = { job: name, status: firing.status ?? null };
    if (firing.status !== undefined && firing.status < 400) opts.log.debug('scheduled job fired', fields);
    else opts.log.warn('scheduled job failed', { ...fields, error: firing.error ?? null });
    opts.onFired?.(firing);
    return firing;
  };

  return {
    schedule(name, cron, target) {
      jobs.get(name)?.cron.stop();
      const job = new Cron(cron, { name: `rxbridge:${name}`, timezone: 'Etc/UTC', protect: true, catch: true }, async () => {
        await fire(name, target);
      });
      jobs.set(name, { cron: job, target });
      return Promise.resolve();
    },
    async runNow(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`no scheduled job named ${name}`);
      return fire(name, job.target);
    },
    names: () => [...jobs.keys()],
    stop() {
      for (const { cron } of jobs.values()) cron.stop();
      jobs.clear();
      return Promise.resolve();
    },
  };
}
