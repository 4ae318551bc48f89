import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { startDrxSandbox } from '../../local/drx-sandbox/index.js';
import { addPharmacy } from '../../shared/pharmacies/add-pharmacy.js';
import { onboardingDeps } from '../../shared/pharmacies/onboarding-deps.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { useFunctionServer, useStartedForFile } from '../function-server.testkit.js';
import './index.js';

const fn = useFunctionServer('drxWebhook', { env: (url) => ({ PUBLIC_BASE_URL: url }) });
const sandbox = useStartedForFile(() => startDrxSandbox({ port: 0 }));

/** A pharmacy onboarded against a fresh sandbox store, its webhooks pointing at our function. */
async function onboard(): Promise<{ id: string; secret: string }> {
  const id = uniquePharmacyId();
  const apiKey = `DRX${randomBytes(16).toString('hex')}`;
  sandbox().addStore({ slug: id, apiKey, seed: 7, doctors: 2, prescriptions: 3 });
  await addPharmacy(onboardingDeps(fn.rt), { id, name: 'Hooks', drxBaseUrl: sandbox().baseUrlFor(id), apiKey });
  const secret = await fn.rt.secrets.get(`drx-webhook-secret-${id}`);
  if (!secret) throw new Error('webhook secret was not stored');
  return { id, secret };
}

function post(id: string, body: string, headers: Record<string, string>, event?: string): Promise<Response> {
  const query = event ? `?event=${encodeURIComponent(event)}` : '';
  return fn.post(`/drx-webhook/${id}${query}`, body, { 'content-type': 'application/json', ...headers });
}

async function events(id: string) {
  return fn.rt.db.selectFrom('sync_events').selectAll().where('pharmacy_id', '=', id).orderBy('received_at').execute();
}

async function prescriptionCount(id: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from prescriptions where pharmacy_id = ${id}`.execute(fn.rt.db);
  return r.rows[0]?.n ?? -1;
}

describe('drxWebhook', () => {
  it('refuses a wrong header secret with 401 and stores nothing', async () => {
    const { id } = await onboard();
    const rx = sandbox().store(id).data.prescriptions[0];
    const res = await post(id, JSON.stringify(rx), { 'x-rxbridge-webhook-secret': 'wrong' }, 'Prescription Created');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_webhook_secret');
    const missing = await post(id, JSON.stringify(rx), {}, 'Prescription Created');
    expect(missing.status).toBe(401);
    expect(await events(id)).toEqual([]);
  });

  it('answers 404 for a pharmacy that does not exist', async () => {
    const res = await post('ph_nobody_here', '{}', { 'x-rxbridge-webhook-secret': 'x' });
    expect(res.status).toBe(404);
  });

  it('applies a Prescription Created delivery, and a replay of it changes nothing', async () => {
    const { id, secret } = await onboard();
    const body = JSON.stringify(sandbox().store(id).data.prescriptions[0]);
    const first = await post(id, body, { 'x-rxbridge-webhook-secret': secret }, 'Prescription Created');
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ received: true, duplicate: false, status: 'applied', counts: { created: 1 } });
    expect(await prescriptionCount(id)).toBe(1);
    const outbox = await fn.rt.db.selectFrom('outbox').select('payload').where('pharmacy_id', '=', id).execute();
    expect(outbox.map((o) => o.payload)).toEqual([expect.objectContaining({ type: 'webhook.applied', newPrescriptions: 1 })]);

    const replay = await post(id, body, { 'x-rxbridge-webhook-secret': secret }, 'Prescription Created');
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ duplicate: true, status: 'applied' });
    expect(await prescriptionCount(id)).toBe(1);
    expect(await events(id)).toHaveLength(1);
    const logs = await fn.rt.db.selectFrom('integration_logs').selectAll().where('pharmacy_id', '=', id).where('kind', '=', 'webhook').execute();
    expect(logs).toHaveLength(2);
    expect(logs).toContainEqual(expect.objectContaining({ source: 'drx', stream: 'prescriptions', status: 'succeeded', created: 1 }));
    expect(logs).toContainEqual(expect.objectContaining({ status: 'succeeded', created: 0, unchanged: 1, details: expect.objectContaining({ duplicate: true }) }));
  });

  it('receives what the sandbox delivers when a prescription is created there', async () => {
    const { id } = await onboard();
    const rx = sandbox().store(id).addPrescription();
    await sandbox().store(id).flushWebhooks();
    const stored = await fn.rt.db.selectFrom('prescriptions').select('external_id').where('pharmacy_id', '=', id).execute();
    expect(stored.map((r) => r.external_id)).toContain(String(rx.id));
    expect((await events(id)).every((e) => e.status === 'applied')).toBe(true);
  });

  it('answers 400 bad_json for a body that does not parse, and keeps it as a dead letter', async () => {
    const { id, secret } = await onboard();
    // text/plain: the framework hands the bytes to us (see the next test for application/json).
    const res = await post(id, '{"id": 1,', { 'x-rxbridge-webhook-secret': secret, 'content-type': 'text/plain' }, 'Sold');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_json');
    expect(await events(id)).toEqual([expect.objectContaining({ status: 'dead', raw_body: '{"id": 1,', kind: 'drx.Sold', last_error: 'body is not valid JSON' })]);
  });

  it('answers our JSON 400 and keeps the body when invalid JSON is labelled application/json', async () => {
    const { id, secret } = await onboard();
    const res = await post(id, '{"id": 1,', { 'x-rxbridge-webhook-secret': secret }, 'Sold');
    // Served by node:http directly (shared/http/register-http-function.ts): the bytes reach us unparsed, not an HTML 400.
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_json');
    expect(await events(id)).toEqual([expect.objectContaining({ raw_body: '{"id": 1,', kind: 'drx.Sold' })]);
  });

  it('dead-letters a delivery whose record is invalid at once, with the reason and no retry time', async () => {
    const { id, secret } = await onboard();
    const res = await post(id, JSON.stringify({ id: 99001, prescription_id: 1, status: 'Teleported' }), { 'x-rxbridge-webhook-secret': secret }, 'Sold');
    expect(res.status).toBe(202);
    const receipt = (await res.json()) as { status: string; reason: string };
    expect(receipt.status).toBe('failed');
    expect(receipt.reason).toMatch(/^invalid fill: status/);
    const [event] = await events(id);
    expect(event).toMatchObject({ status: 'dead', attempts: 1, next_attempt_at: null, last_error: receipt.reason });
  });

  it('keeps a delivery that fails to apply as failed, with a retry in a minute and a failure row', async () => {
    const { id, secret } = await onboard();
    // A real database failure for this pharmacy only: a trigger that refuses its fills.
    await sql`create or replace function refuse_test_fill() returns trigger language plpgsql as $$
      begin raise exception 'refused by test trigger'; end $$`.execute(fn.rt.db);
    await sql.raw(`create trigger refuse_fill_${id} before insert on prescription_fills for each row
      when (new.pharmacy_id = '${id}') execute function refuse_test_fill()`).execute(fn.rt.db);
    const fill = sandbox().store(id).data.fills[0];
    const res = await post(id, JSON.stringify(fill), { 'x-rxbridge-webhook-secret': secret });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ received: true, status: 'failed' });
    const [event] = await events(id);
    expect(event?.status).toBe('failed');
    expect(event?.attempts).toBe(1);
    expect(event?.last_error).not.toContain('refused by test trigger');
    expect(event && event.next_attempt_at && event.processed_at && event.next_attempt_at.getTime() - event.processed_at.getTime()).toBe(60_000);
    const failures = await fn.rt.db.selectFrom('event_failures').selectAll().where('sync_event_id', '=', event?.id ?? '').execute();
    expect(failures).toEqual([expect.objectContaining({ attempt: 1, error_code: 'P0001' })]);
    expect(await sql<{ n: number }>`select count(*)::int as n from prescription_fills where pharmacy_id = ${id}`.execute(fn.rt.db)).toMatchObject({ rows: [{ n: 0 }] });
    await sql.raw(`drop trigger refuse_fill_${id} on prescription_fills`).execute(fn.rt.db);
  });
});
