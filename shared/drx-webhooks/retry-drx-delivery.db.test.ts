import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { startDrxSandbox, type DrxSandbox } from '../../local/drx-sandbox/index.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { validSandboxIds } from '../../test/support/sandbox-valid.js';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { silentLogger } from '../log/logger.js';
import { runRetryWorker } from '../retry-queue/retry-worker.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { ManualClock } from '../time/clock.js';
import { PRESCRIPTION_CREATED } from './delivery-event.js';
import { receiveDrxWebhook } from './receive-drx-webhook.js';
import { retryDrxDelivery } from './retry-drx-delivery.js';

const handle = openTestDb();
const db = handle.db;
let sandbox: DrxSandbox;
const SECRET = 'whsec_test_0123456789';
// A stand-in for the cloud edge (Secret Manager): every pharmacy's webhook secret is SECRET.
const secrets: SecretStore = { get: async () => SECRET, put: async () => undefined };

beforeAll(async () => {
  sandbox = await startDrxSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
  await handle.close();
});

// Far in the future, so no other test's worker (real or manual clock) finds these items due.
const T0 = new Date('2100-01-01T00:00:00Z');

async function pharmacyWithPrescription(): Promise<{ id: string; body: string }> {
  const id = uniquePharmacyId();
  await seedPharmacy(db, id);
  const store = sandbox.addStore({ slug: id, apiKey: `DRX${randomBytes(16).toString('hex')}`, seed: 11, doctors: 2, prescriptions: 4 });
  const rxId = validSandboxIds(store).prescriptions[0];
  const rx = store.data.prescriptions.find((p) => String(p.id) === rxId);
  return { id, body: JSON.stringify(rx) };
}

function receive(clock: ManualClock, pharmacyId: string, body: string, event = PRESCRIPTION_CREATED) {
  return receiveDrxWebhook(
    { db, secrets, log: silentLogger, clock },
    { pharmacyId, event, headers: { 'x-rxbridge-webhook-secret': SECRET }, rawBody: Buffer.from(body), correlationId: `c-${pharmacyId}` },
  );
}

const count = async (table: 'prescriptions', pharmacyId: string) =>
  (await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).where('pharmacy_id', '=', pharmacyId).executeTakeFirstOrThrow()).n;

describe('retryDrxDelivery', () => {
  it('re-applies a DRX delivery whose first attempt failed, through the worker, a minute later', async () => {
    const clock = new ManualClock(T0);
    const { id, body } = await pharmacyWithPrescription();
    await sql`create or replace function refuse_test_rx() returns trigger language plpgsql as $$
      begin raise exception 'refused by test trigger'; end $$`.execute(db);
    await sql.raw(`create trigger refuse_rx_${id} before insert on prescriptions for each row
      when (new.pharmacy_id = '${id}') execute function refuse_test_rx()`).execute(db);
    const receipt = await receive(clock, id, body);
    await sql.raw(`drop trigger refuse_rx_${id} on prescriptions`).execute(db);
    expect(receipt).toMatchObject({ duplicate: false, status: 'failed' });
    const [stored] = await db.selectFrom('sync_events').selectAll().where('pharmacy_id', '=', id).execute();
    expect(stored).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: new Date(T0.getTime() + 60_000) });

    const run = () =>
      runRetryWorker(
        { db, log: silentLogger, clock, handlers: { drx: retryDrxDelivery({ db, clock }) } },
        { limit: 10, leaseSeconds: 120, timeBudgetMs: 60_000, pharmacyId: id },
      );
    clock.advance(59_999);
    expect(await run()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await run()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await count('prescriptions', id)).toBe(1);
    expect(await db.selectFrom('sync_events').select(['status', 'attempts', 'locked_until']).where('id', '=', stored?.id ?? '').executeTakeFirst()).toEqual({
      status: 'applied',
      attempts: 2,
      locked_until: null,
    });
    const logs = await db.selectFrom('integration_logs').selectAll().where('pharmacy_id', '=', id).where('kind', '=', 'retry').execute();
    expect(logs).toEqual([expect.objectContaining({ source: 'drx', status: 'succeeded', correlation_id: `c-${id}` })]);
    const outbox = await db.selectFrom('outbox').select('payload').where('pharmacy_id', '=', id).execute();
    expect(outbox.map((o) => o.payload)).toEqual([expect.objectContaining({ type: 'webhook.applied', newPrescriptions: 1 })]);
  });

  it('dead-letters a stored delivery whose record is invalid at once, and one whose body never parsed', async () => {
    const clock = new ManualClock(T0);
    const { id } = await pharmacyWithPrescription();
    const handler = retryDrxDelivery({ db, clock });
    const base = { direction: 'inbound' as const, source: 'drx', pharmacy_id: id, correlation_id: 'c', status: 'failed' as const, received_at: T0, next_attempt_at: T0 };
    await db
      .insertInto('sync_events')
      .values([
        { ...base, id: crypto.randomUUID(), kind: 'drx.Sold', idempotency_key: `k1-${id}`, payload: JSON.stringify({ id: 5, prescription_id: 1, status: 'Teleported' }), raw_body: '{}' },
        { ...base, id: crypto.randomUUID(), kind: 'drx.Sold', idempotency_key: `k2-${id}`, payload: null, raw_body: '{"id": 1,' },
      ])
      .execute();
    const summary = await runRetryWorker(
      { db, log: silentLogger, clock, handlers: { drx: handler } },
      { limit: 10, leaseSeconds: 120, timeBudgetMs: 60_000, pharmacyId: id },
    );
    expect(summary).toMatchObject({ claimed: 2, dead: 2 });
    const rows = await db.selectFrom('sync_events').select(['status', 'last_error']).where('pharmacy_id', '=', id).orderBy('idempotency_key').execute();
    expect(rows).toEqual([
      { status: 'dead', last_error: expect.stringMatching(/^invalid fill: status/) as string },
      { status: 'dead', last_error: 'body is not valid JSON' },
    ]);
  });
});
