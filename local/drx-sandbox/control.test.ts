import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { DrxSandbox, Fill, Prescription } from './index.js';

let sandbox: DrxSandbox;
let control: string;
const KEY = apiKey(8);

beforeAll(async () => {
  sandbox = await startDrxSandbox();
  control = `${sandbox.url}/_sandbox`;
});
afterAll(() => sandbox.close());

describe('control over HTTP', () => {
  it('creates a store that then serves the API', async () => {
    const created = await callJson<{ baseUrl: string }>(control, '/stores', undefined, {
      method: 'POST',
      body: { slug: 'ctl_1', apiKey: KEY, seed: 1, doctors: 3, prescriptions: 12, invalidDoctors: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.body.baseUrl).toBe(sandbox.baseUrlFor('ctl_1'));
    const doctors = await callJson<{ total: number }>(created.body.baseUrl, '/doctors', KEY);
    expect(doctors.body.total).toBe(4);
    const dup = await callJson(control, '/stores', undefined, {
      method: 'POST',
      body: { slug: 'ctl_1', apiKey: KEY, seed: 1, doctors: 3, prescriptions: 12 },
    });
    expect(dup.status).toBe(409);
  });

  it.each([
    [{ slug: 'ctl_x', apiKey: 'nope', seed: 1, doctors: 1, prescriptions: 1 }, 'apiKey'],
    [{ slug: 'ctl_x', apiKey: KEY, seed: 1, doctors: -1, prescriptions: 1 }, 'doctors'],
    [{ slug: 'ctl_x', apiKey: KEY, doctors: 1, prescriptions: 1 }, 'seed'],
  ])('refuses a bad store body with a 400 naming the field', async (body, field) => {
    const res = await callJson<{ success: boolean; error: string }>(control, '/stores', undefined, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(field);
  });

  it('sets faults, adds prescriptions, changes fill statuses and reports stats', async () => {
    await callJson(control, '/stores', undefined, {
      method: 'POST',
      body: { slug: 'ctl_2', apiKey: KEY, seed: 2, doctors: 3, prescriptions: 5 },
    });
    const base = sandbox.baseUrlFor('ctl_2');
    const faults = await callJson(control, '/stores/ctl_2/faults', undefined, {
      method: 'POST',
      body: { failNext: [{ status: 502, times: 1 }] },
    });
    expect(faults.status).toBe(200);
    expect((await callJson(base, '/heartbeat', KEY)).status).toBe(502);

    const badFaults = await callJson<{ error: string }>(control, '/stores/ctl_2/faults', undefined, {
      method: 'POST',
      body: { failNext: [{ status: 418, times: 1 }] },
    });
    expect(badFaults.status).toBe(400);
    expect(badFaults.body.error).toContain('failNext.0.status');

    const added = await callJson<{ prescription: Prescription }>(control, '/stores/ctl_2/prescriptions', undefined, {
      method: 'POST',
      body: { fillStatus: 'Hold' },
    });
    expect(added.status).toBe(201);
    const fillId = added.body.prescription.prescription_fills[0]?.id ?? -1;
    expect(added.body.prescription.last_fill_status).toBe('Hold');

    const setStatus = await callJson<{ fill: Fill }>(control, `/stores/ctl_2/fills/${fillId}/status`, undefined, {
      method: 'POST',
      body: { status: 'Waiting Bin' },
    });
    expect(setStatus.body.fill.status).toBe('Waiting Bin');
    const badStatus = await callJson(control, `/stores/ctl_2/fills/${fillId}/status`, undefined, {
      method: 'POST',
      body: { status: 'Teleported' },
    });
    expect(badStatus.status).toBe(400);

    const stats = await callJson(control, '/stores/ctl_2/stats', undefined);
    expect(stats.body).toMatchObject({ success: true, requests: 1, byPath: { '/heartbeat': 1 }, rateLimited: 0 });
  });

  it('answers 404 for an unknown store or control route', async () => {
    expect((await callJson(control, '/stores/nope/stats', undefined)).status).toBe(404);
    expect((await callJson(control, '/reset', undefined, { method: 'POST' })).status).toBe(404);
  });
});
