import { describe, expect, it } from 'vitest';
import { buildCloudJob, createCloudScheduler, type CloudSchedulerJob, type SchedulerClientPort } from './cloud-scheduler.js';

const opts = { projectId: 'proj-1', location: 'us-central1', serviceAccountEmail: 'scheduler@proj-1.iam.gserviceaccount.com' };
const target = { url: 'https://drx-sync-abc.run.app/?x=1', body: { pharmacyId: 'ph_1', full: true } };

/** Records requests and answers createJob with the given error (the cloud edge stand-in). */
function recordingClient(createError?: unknown): SchedulerClientPort & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    createJob: async (req) => {
      calls.push(['create', req]);
      if (createError) throw createError;
      return [req.job];
    },
    updateJob: async (req) => {
      calls.push(['update', req]);
      return [req.job];
    },
  };
}

describe('cloud scheduler job building', () => {
  it('builds a POST job with a JSON body and an OIDC token for the target audience', () => {
    const job = buildCloudJob(opts, 'drx-sync-ph_1', '*/15 * * * *', target);
    expect(job.name).toBe('projects/proj-1/locations/us-central1/jobs/drx-sync-ph_1');
    expect(job.schedule).toBe('*/15 * * * *');
    expect(job.timeZone).toBe('Etc/UTC');
    expect(job.httpTarget.uri).toBe(target.url);
    expect(job.httpTarget.httpMethod).toBe('POST');
    expect(job.httpTarget.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(job.httpTarget.body.toString('utf8'))).toEqual({ pharmacyId: 'ph_1', full: true });
    expect(job.httpTarget.oidcToken).toEqual({ serviceAccountEmail: opts.serviceAccountEmail, audience: 'https://drx-sync-abc.run.app/' });
  });

  it('creates the job under the project and location parent', async () => {
    const client = recordingClient();
    await createCloudScheduler({ ...opts, client }).schedule('drx-sync-ph_1', '*/15 * * * *', target);
    expect(client.calls).toHaveLength(1);
    const [op, req] = client.calls[0] as [string, { parent: string; job: CloudSchedulerJob }];
    expect(op).toBe('create');
    expect(req.parent).toBe('projects/proj-1/locations/us-central1');
  });

  it('updates the job when it already exists', async () => {
    const client = recordingClient(Object.assign(new Error('6 ALREADY_EXISTS'), { code: 6 }));
    await createCloudScheduler({ ...opts, client, timeZone: 'America/Chicago' }).schedule('drx-sync-ph_1', '0 3 * * *', target);
    expect(client.calls.map(([op]) => op)).toEqual(['create', 'update']);
    const job = (client.calls[1]?.[1] as { job: CloudSchedulerJob }).job;
    expect(job.schedule).toBe('0 3 * * *');
    expect(job.timeZone).toBe('America/Chicago');
  });

  it('passes on any other error from createJob', async () => {
    const client = recordingClient(Object.assign(new Error('7 PERMISSION_DENIED'), { code: 7 }));
    await expect(createCloudScheduler({ ...opts, client }).schedule('j', '* * * * *', target)).rejects.toThrow('PERMISSION_DENIED');
    expect(client.calls.map(([op]) => op)).toEqual(['create']);
  });
});
