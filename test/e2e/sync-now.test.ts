import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniquePharmacyId } from '../support/test-db.js';
import { startTestStack, storeOptions, type TestStack } from '../support/local-stack.js';
import { validSandboxIds } from '../support/sandbox-valid.js';
import { storedIds } from '../support/stored-records.js';

interface Summary {
  runId: string;
  status: string;
  message: string;
  streams: Record<'doctors' | 'prescriptions' | 'fills', { created: number; updated: number; unchanged: number; invalid: number; fetched: number }>;
  newPrescriptions: number;
}

const id = uniquePharmacyId('ph_e2e_sync');
const other = uniquePharmacyId('ph_e2e_conc');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    stores: [
      storeOptions(id, { seed: 7, doctors: 12, prescriptions: 300, invalidDoctors: 1, invalidPrescriptions: 2, invalidFills: 2 }),
      storeOptions(other, { seed: 8, doctors: 5, prescriptions: 200 }),
    ],
    // Without webhooks the incremental sync is the only way a new Rx can arrive (webhook.test.ts covers them).
    env: { WEBHOOKS_ENABLED: 'false' },
  });
  for (const slug of [id, other]) {
    const res = await stack.post('/pharmacies', { id: slug, name: `Pharmacy ${slug}`, drxBaseUrl: stack.sandbox.baseUrlFor(slug), apiKey: stack.store(slug).apiKey });
    expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
  }
});
afterAll(() => stack.close());

describe('Sync Now over HTTP', () => {
  it('a first sync stores every valid sandbox record once and counts the invalid ones', async () => {
    const res = await stack.post('/sync-now', { pharmacyId: id });
    expect(res.status).toBe(200);
    const summary = res.json as unknown as Summary;
    const valid = validSandboxIds(stack.store(id));
    expect(summary.status).toBe('succeeded');
    expect(summary.streams.prescriptions.created).toBe(valid.prescriptions.length);
    expect(summary.streams.fills.created).toBe(valid.fills.length);
    expect(summary.streams.doctors.invalid + summary.streams.prescriptions.invalid + summary.streams.fills.invalid).toBe(5);
    expect(summary.message).toContain(id);
    expect(await storedIds(stack.runtime.db, id)).toEqual(valid);
  });

  it('an incremental sync picks up a prescription added in DRX since', async () => {
    const rx = stack.store(id).addPrescription();
    const res = await stack.post('/sync-now', { pharmacyId: id, full: false });
    const summary = res.json as unknown as Summary;
    expect(res.status).toBe(200);
    expect(summary.newPrescriptions).toBe(1);
    expect((await storedIds(stack.runtime.db, id)).prescriptions).toContain(String(rx.id));
    expect(await storedIds(stack.runtime.db, id)).toEqual(validSandboxIds(stack.store(id)));
  });

  it('a full re-sync reports everything unchanged', async () => {
    const res = await stack.post('/sync-now', { pharmacyId: id, full: true });
    const summary = res.json as unknown as Summary;
    expect(res.status).toBe(200);
    const valid = validSandboxIds(stack.store(id));
    for (const stream of ['doctors', 'prescriptions', 'fills'] as const) {
      expect(summary.streams[stream].created, stream).toBe(0);
      expect(summary.streams[stream].updated, stream).toBe(0);
    }
    expect(summary.streams.prescriptions.unchanged).toBe(valid.prescriptions.length);
    expect(summary.streams.fills.unchanged).toBe(valid.fills.length);
  });

  it('a full re-sync after some records changed writes just those and counts the rest unchanged', async () => {
    const changedRx = stack.store(id).changePrescriptions(0.1);
    const changedFills = stack.store(id).changeFills(0.1);
    const res = await stack.post('/sync-now', { pharmacyId: id, full: true });
    const summary = res.json as unknown as Summary;
    expect(res.status).toBe(200);
    const valid = validSandboxIds(stack.store(id));
    const { prescriptions: rx, fills } = summary.streams;
    expect(changedRx.length).toBeGreaterThan(0);
    expect([rx.created, fills.created]).toEqual([0, 0]);
    // A changed fill also changes its prescription's embedded fill list, so more prescriptions may change.
    expect(rx.updated).toBeGreaterThanOrEqual(changedRx.length);
    expect(fills.updated).toBe(changedFills.length);
    expect(rx.updated + rx.unchanged).toBe(valid.prescriptions.length);
    expect(fills.updated + fills.unchanged).toBe(valid.fills.length);
    // Invalid records are never stored, so never skipped as unchanged: validated and counted every time.
    expect([rx.invalid, fills.invalid]).toEqual([2, 2]);
    expect(rx.fetched).toBe(valid.prescriptions.length + 2);
    expect(await storedIds(stack.runtime.db, id)).toEqual(valid);
  });

  it('two concurrent Sync Nows give exactly one 409 naming the running run', async () => {
    // Slow pages keep the first run holding the lease while the second arrives.
    stack.store(other).setFaults({ latencyMs: 40 });
    const [a, b] = await Promise.all([stack.post('/sync-now', { pharmacyId: other }), stack.post('/sync-now', { pharmacyId: other })]);
    stack.store(other).setFaults({});
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = (a.status === 200 ? a : b).json as unknown as Summary;
    const loser = (a.status === 409 ? a : b).json as { error: { code: string; runId: string; message: string } };
    expect(loser.error.code).toBe('sync_running');
    expect(loser.error.runId).toBe(winner.runId);
  });

  it('an unknown pharmacy is a 404 and a malformed body a 400 naming the field', async () => {
    const unknown = await stack.post('/sync-now', { pharmacyId: 'ph_nobody_here' });
    expect(unknown.status).toBe(404);
    const badJson = await stack.post('/sync-now', '{"pharmacyId": ');
    expect(badJson.status).toBe(400);
    expect((badJson.json.error as { code: string }).code).toBe('bad_json');
    const badField = await stack.post('/sync-now', { pharmacyId: id, full: 'yes' });
    expect(badField.status).toBe(400);
    expect(JSON.stringify(badField.json)).toContain('full');
  });

  it('refuses a missing or wrong admin token with 401 on every admin function', async () => {
    for (const path of ['/sync-now', '/pharmacies', '/drx-sync', '/outbox-relay']) {
      expect((await stack.post(path, { pharmacyId: id }, { token: null })).status, path).toBe(401);
      expect((await stack.post(path, { pharmacyId: id }, { token: 'x'.repeat(64) })).status, path).toBe(401);
    }
  });
});
