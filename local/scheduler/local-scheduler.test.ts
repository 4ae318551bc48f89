import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../shared/log/logger.js';
import { createCronerScheduler } from './croner-scheduler.js';
import { startLocalScheduler } from './local-scheduler.js';

interface Received {
  path: string;
  authorization: string | undefined;
  body: unknown;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) as unknown });
      res.writeHead(req.url === '/outbox-relay' ? 503 : 200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('local scheduler', () => {
  it('schedules a sync and a reconciliation per enabled pharmacy plus the outbox relay and the clinic jobs', async () => {
    const scheduler = createCronerScheduler({ bearerToken: 't'.repeat(64), log: silentLogger });
    let enabled = ['ph_a'];
    const local = await startLocalScheduler({ scheduler, baseUrl, syncIntervalMinutes: 15, reconcileCron: '0 3 * * *', drchronoSyncIntervalMinutes: 60, listEnabled: async () => enabled });
    expect(scheduler.names().sort()).toEqual(['drchrono-sync', 'drx-reconcile-ph_a', 'drx-sync-ph_a', 'maintenance-cleanup', 'outbox-relay', 'retry-worker']);

    enabled = ['ph_a', 'ph_b'];
    expect(await local.refresh()).toEqual(['ph_b']);
    expect(scheduler.names()).toContain('drx-sync-ph_b');
    await local.stop();
    expect(scheduler.names()).toEqual([]);
  });

  it('fires jobs over HTTP with the bearer token and the pharmacy in the body', async () => {
    received.length = 0;
    const fired: string[] = [];
    const scheduler = createCronerScheduler({ bearerToken: 'a'.repeat(64), log: silentLogger, onFired: (f) => fired.push(`${f.name}:${f.status}`) });
    const local = await startLocalScheduler({ scheduler, baseUrl, syncIntervalMinutes: 15, reconcileCron: '0 3 * * *', drchronoSyncIntervalMinutes: 60, listEnabled: async () => ['ph_a'] });
    expect((await scheduler.runNow('drx-sync-ph_a')).status).toBe(200);
    await scheduler.runNow('drx-reconcile-ph_a');
    const relay = await scheduler.runNow('outbox-relay');
    await local.stop();

    expect(received).toEqual([
      { path: '/drx-sync', authorization: `Bearer ${'a'.repeat(64)}`, body: { pharmacyId: 'ph_a' } },
      { path: '/drx-sync', authorization: `Bearer ${'a'.repeat(64)}`, body: { pharmacyId: 'ph_a', full: true } },
      { path: '/outbox-relay', authorization: `Bearer ${'a'.repeat(64)}`, body: {} },
    ]);
    expect(relay.status).toBe(503);
    expect(fired).toEqual(['drx-sync-ph_a:200', 'drx-reconcile-ph_a:200', 'outbox-relay:503']);
  });

  it('fires the DrChrono sweep, the retry worker and the cleanup with an empty body and the bearer token', async () => {
    received.length = 0;
    const scheduler = createCronerScheduler({ bearerToken: 'd'.repeat(64), log: silentLogger });
    const local = await startLocalScheduler({ scheduler, baseUrl, syncIntervalMinutes: 15, reconcileCron: '0 3 * * *', drchronoSyncIntervalMinutes: 60, listEnabled: async () => [] });
    for (const name of ['drchrono-sync', 'retry-worker', 'maintenance-cleanup']) expect((await scheduler.runNow(name)).status).toBe(200);
    await local.stop();

    const auth = `Bearer ${'d'.repeat(64)}`;
    expect(received).toEqual([
      { path: '/drchrono-sync', authorization: auth, body: {} },
      { path: '/retry-worker', authorization: auth, body: {} },
      { path: '/maintenance-cleanup', authorization: auth, body: {} },
    ]);
  });

  it('runs the DrChrono sweep at the configured interval, the retry worker every minute and the cleanup daily at 04:30', async () => {
    const scheduled: Array<[string, string]> = [];
    const recording = createCronerScheduler({ bearerToken: 'e'.repeat(64), log: silentLogger });
    const scheduler = { ...recording, schedule: (name: string, cron: string, target: Parameters<typeof recording.schedule>[2]) => (scheduled.push([name, cron]), recording.schedule(name, cron, target)) };
    const local = await startLocalScheduler({ scheduler, baseUrl, syncIntervalMinutes: 15, reconcileCron: '0 3 * * *', drchronoSyncIntervalMinutes: 30, listEnabled: async () => [] });
    await local.stop();
    expect(scheduled).toEqual(expect.arrayContaining([
      ['drchrono-sync', '*/30 * * * *'],
      ['retry-worker', '* * * * *'],
      ['maintenance-cleanup', '30 4 * * *'],
    ]));
  });

  it('refuses a DrChrono sweep interval that is not a whole number of minutes', async () => {
    const scheduler = createCronerScheduler({ bearerToken: 'f'.repeat(64), log: silentLogger });
    await expect(startLocalScheduler({ scheduler, baseUrl, syncIntervalMinutes: 15, reconcileCron: '0 3 * * *', drchronoSyncIntervalMinutes: 0, listEnabled: async () => [] })).rejects.toThrow(/whole number of minutes/);
    await scheduler.stop();
  });

  it('reports a target that does not answer as an error, without throwing', async () => {
    const scheduler = createCronerScheduler({ bearerToken: 'b'.repeat(64), log: silentLogger });
    await scheduler.schedule('dead', '0 0 1 1 *', { url: 'http://127.0.0.1:1/drx-sync', body: {} });
    const firing = await scheduler.runNow('dead');
    await scheduler.stop();
    expect(firing.status).toBeUndefined();
    expect(firing.error).toBeTruthy();
  });

  it('refuses to run a job it does not have', async () => {
    const scheduler = createCronerScheduler({ bearerToken: 'c'.repeat(64), log: silentLogger });
    await expect(scheduler.runNow('nope')).rejects.toThrow('no scheduled job named nope');
  });
});
