import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniquePharmacyId } from '../support/test-db.js';
import { startTestStack, storeOptions, type TestStack } from '../support/local-stack.js';

const id = uniquePharmacyId('ph_e2e_hook');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ stores: [storeOptions(id, { seed: 11, doctors: 4, prescriptions: 40 })] });
  const onboard = await stack.post('/pharmacies', { id, name: 'Hook Pharmacy', drxBaseUrl: stack.sandbox.baseUrlFor(id), apiKey: stack.store(id).apiKey });
  expect(onboard.status, JSON.stringify(onboard.json)).toBeLessThan(300);
  expect((await stack.post('/sync-now', { pharmacyId: id })).status).toBe(200);
});
afterAll(() => stack.close());

async function snapshot(externalId: string) {
  const db = stack.runtime.db;
  const rx = await db
    .selectFrom('prescriptions')
    .select(['id', 'content_hash', 'updated_at'])
    .where('pharmacy_id', '=', id)
    .where('external_id', '=', externalId)
    .execute();
  const fills = await db.selectFrom('prescription_fills').select(['external_id', 'content_hash', 'updated_at']).where('pharmacy_id', '=', id).orderBy('external_id').execute();
  return { rx, fills };
}

describe('DRX webhooks through the dev server', () => {
  it('a Prescription Created delivery from the sandbox lands, and replaying it changes nothing', async () => {
    const store = stack.store(id);
    const rx = store.addPrescription();
    await store.flushWebhooks();
    const deliveries = store.deliveries();
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status !== undefined && d.status >= 200 && d.status < 300), JSON.stringify(deliveries)).toBe(true);

    const before = await snapshot(String(rx.id));
    expect(before.rx).toHaveLength(1);

    const sub = store.webhooks().find((w) => w.event === 'Prescription Created');
    expect(sub).toBeDefined();
    const replay = await fetch(sub!.url, { method: 'POST', headers: { 'content-type': 'application/json', [sub!.header_key]: sub!.header_value }, body: JSON.stringify(rx) });
    expect(replay.status).toBeLessThan(300);
    expect(await snapshot(String(rx.id))).toEqual(before);
  });

  it('a delivery with a wrong header secret is refused with 401 and stores nothing', async () => {
    const store = stack.store(id);
    const sub = store.webhooks().find((w) => w.event === 'Prescription Created')!;
    const countBefore = await stack.runtime.db.selectFrom('sync_events').select((eb) => eb.fn.countAll<string>().as('n')).where('pharmacy_id', '=', id).executeTakeFirstOrThrow();
    const res = await fetch(sub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [sub.header_key]: 'f'.repeat(64) },
      body: JSON.stringify({ id: 999_999 }),
    });
    expect(res.status).toBe(401);
    const missing = await fetch(sub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    const countAfter = await stack.runtime.db.selectFrom('sync_events').select((eb) => eb.fn.countAll<string>().as('n')).where('pharmacy_id', '=', id).executeTakeFirstOrThrow();
    expect(countAfter.n).toBe(countBefore.n);
  });
});
