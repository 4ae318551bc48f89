/** JobScheduler over Cloud Scheduler: used when a pharmacy is added at runtime in the cloud. */
import type { JobScheduler, JobTarget } from './job-scheduler.js';

/** The Cloud Scheduler job fields we set (a subset of google.cloud.scheduler.v1.Job). */
export interface CloudSchedulerJob {
  name: string;
  schedule: string;
  timeZone: string;
  httpTarget: {
    uri: string;
    httpMethod: 'POST';
    headers: Record<string, string>;
    body: Buffer;
    oidcToken: { serviceAccountEmail: string; audience: string };
  };
}

/** The narrow slice of CloudSchedulerClient we call, so tests hand in a small stand-in. */
export interface SchedulerClientPort {
  createJob(request: { parent: string; job: CloudSchedulerJob }): Promise<unknown>;
  updateJob(request: { job: CloudSchedulerJob }): Promise<unknown>;
}

export interface CloudSchedulerOptions {
  client: SchedulerClientPort;
  projectId: string;
  location: string;
  /** The service account whose OIDC token the job sends (it needs run.invoker on the target). */
  serviceAccountEmail: string;
  timeZone?: string;
}

// gRPC status ALREADY_EXISTS: the job is there, so we update it instead.
const ALREADY_EXISTS = 6;

/** `projects/<p>/locations/<l>`: the parent every job lives under. */
export function schedulerParent(projectId: string, location: string): string {
  return `projects/${projectId}/locations/${location}`;
}

/** Builds the Cloud Scheduler job for one target; the OIDC audience is the target's origin + path. */
export function buildCloudJob(opts: Omit<CloudSchedulerOptions, 'client'>, name: string, cron: string, target: JobTarget): CloudSchedulerJob {
  const audience = new URL(target.url);
  return {
    name: `${schedulerParent(opts.projectId, opts.location)}/jobs/${name}`,
    schedule: cron,
    timeZone: opts.timeZone ?? 'Etc/UTC',
    httpTarget: {
      uri: target.url,
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify(target.body)),
      oidcToken: { serviceAccountEmail: opts.serviceAccountEmail, audience: `${audience.origin}${audience.pathname}` },
    },
  };
}

function isAlreadyExists(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === ALREADY_EXISTS;
}

/** A JobScheduler that creates (or updates) Cloud Scheduler jobs. */
export function createCloudScheduler(opts: CloudSchedulerOptions): JobScheduler {
  return {
    async schedule(name, cron, target) {
      const job = buildCloudJob(opts, name, cron, target);
      try {
        await opts.client.createJob({ parent: schedulerParent(opts.projectId, opts.location), job });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        await opts.client.updateJob({ job });
      }
    },
    // Cloud jobs outlive this process by design; there is nothing local to stop.
    stop: () => Promise.resolve(),
  };
}

/** The real client, imported lazily so functions that never schedule do not load the SDK. */
export async function openCloudSchedulerClient(): Promise<SchedulerClientPort> {
  const { CloudSchedulerClient } = await import('@google-cloud/scheduler');
  return new CloudSchedulerClient();
}
