// Webhook re-fetches and reconciliation list reads of medications, problems and allergies that commit in
// the opposite order to their fetches: the state fetched last stays (ehr-store/fetch-order.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import { mapMirror } from '../drchrono/map-mirror.js';
import { processDrChronoDelivery } from '../drchrono-webhooks/process-delivery.js';
import type { DrChronoWebhookDeps } from '../drchrono-webhooks/webhook-deps.js';
import type { FetchOrderedKind } from '../ehr-store/fetch-order.js';
import { connectSandboxPractice, startEhrSyncHarness, type ConnectedPractice, type EhrSyncHarness } from './ehr-sync.testkit.js';
import { holdFirstAnswer } from './held-answer.testkit.js';
import { queuePatients } from './pending-patients.js';
import { acquirePracticeLease, releasePracticeLease } from './practice-lease.js';
import { syncPatientRecords } from './sync-patient-records.js';
import { syncPractice } from './sync-practice.js';

let h: EhrSyncHarness;
let p: ConnectedPractice;
let api: DrChronoApi;
beforeAll(async () => {
  h = await startEhrSyncHarness();
  p = await connectSandboxPractice(h, { patients: 4 });
  expect((await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: true })).status).toBe('succeeded');
  api = await p.deps.openApi(p.id);
});
afterAll(() => h.close());

const db = () => h.t.rt.db;
/** Between two fetches: the later one starts after the earlier one's answer arrived. */
const later = () => h.clock.advance(1000);

interface WireRecord {
  id: number;
  patient: number;
}

const MODIFY = { medications: 'PATIENT_MEDICATION_MODIFY', problems: 'PATIENT_PROBLEM_MODIFY', allergies: 'PATIENT_ALLERGY_MODIFY' } as const;

/** The sandbox's first record of `kind` for its `n`th patient, and a change to it in DrChrono. */
function recordOf(kind: FetchOrderedKind, n: number): { record: WireRecord; modify: () => WireRecord } {
  const d = p.remote.data;
  const patient = d.patients[n]?.id;
  const records: WireRecord[] = { medications: d.medications, problems: d.problems, allergies: d.allergies }[kind];
  const record = records.find((r) => r.patient === patient);
  if (!record) throw new Error(`no ${kind} for patient ${n}`);
  const modify = { medications: () => p.remote.modifyMedication(record.id), problems: () => p.remote.modifyProblem(record.id), allergies: () => p.remote.modifyAllergy(record.id) }[kind];
  return { record, modify };
}

/** Processes a delivery naming `object` (only a hint: it is re-fetched through `openApi`). */
function deliver(event: string, object: WireRecord, openApi: DrChronoWebhookDeps['openApi'] = p.deps.openApi) {
  const { rt } = h.t;
  const deps: DrChronoWebhookDeps = { db: rt.db, secrets: rt.secrets, clock: rt.clock, log: rt.log, config: rt.config, openApi };
  return processDrChronoDelivery(deps, { eventId: randomUUID(), event, payload: { receiver: {}, object }, correlationId: randomUUID(), startedAt: h.clock.now() }, 'retry');
}

/** A reconciliation's per-patient pass over just this patient, reading through `listApi`, under the run's lease. */
async function reconcile(patient: number, listApi: DrChronoApi) {
  await db().deleteFrom('practice_pending_patients').where('practice_id', '=', p.id).execute();
  await queuePatients(db(), p.id, [String(patient)], 'sync');
  const runId = randomUUID();
  expect(await acquirePracticeLease(db(), { practiceId: p.id, runId, holder: 'test', ttlSeconds: 600 })).toEqual({ ok: true });
  try {
    return await syncPatientRecords({ db: db(), api: listApi, clock: h.clock, practiceId: p.id, runId, stopCodes: new Set(), afterPatient: async () => undefined });
  } finally {
    await releasePracticeLease(db(), { practiceId: p.id, runId });
  }
}

async function stored(kind: FetchOrderedKind, id: number) {
  return db().selectFrom(kind).select(['content_hash', 'deleted_at']).where('drchrono_id', '=', String(id)).executeTakeFirstOrThrow();
}

/** What DrChrono holds for the record now, as our content hash. */
async function currentHash(kind: FetchOrderedKind, id: number): Promise<string> {
  const mapped = mapMirror(kind, await api.get(kind, String(id)));
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.row.content_hash;
}

describe.each(['medications', 'problems', 'allergies'] as const)('two deliveries for one of the %s', (kind) => {
  it('the one that fetched first and commits last leaves the newer state', async () => {
    const { record, modify } = recordOf(kind, 0);
    const before = await currentHash(kind, record.id);
    const held = holdFirstAnswer(api, 'get');
    const first = deliver(MODIFY[kind], record, async () => held.api);
    await held.answered;

    later();
    const changed = modify();
    expect(await deliver(MODIFY[kind], changed)).toMatchObject({ status: 'applied', operation: 'update' });
    held.release();
    expect(await first).toMatchObject({ status: 'applied', operation: 'unchanged' });
    const now = await stored(kind, record.id);
    expect(now.content_hash).not.toBe(before);
    expect(now.content_hash).toBe(await currentHash(kind, record.id));
  });
});

describe('a reconciliation list read against a webhook re-fetch', () => {
  it('a list read that began first and commits last neither overwrites the webhook’s newer copy nor deletes what it created', async () => {
    const { record, modify } = recordOf('medications', 1);
    const held = holdFirstAnswer(api, 'list');
    const run = reconcile(record.patient, held.api);
    await held.answered; // the medications list, without what follows

    later();
    expect(await deliver(MODIFY.medications, modify())).toMatchObject({ operation: 'update' });
    const created = p.remote.createMedication(record.patient);
    expect(await deliver('PATIENT_MEDICATION_CREATE', created)).toMatchObject({ operation: 'insert' });
    held.release();
    expect((await run).streams.medications).toMatchObject({ status: 'succeeded', updated: 0, deleted: 0 });
    expect(await stored('medications', record.id)).toMatchObject({ content_hash: await currentHash('medications', record.id), deleted_at: null });
    expect(await stored('medications', created.id)).toMatchObject({ deleted_at: null });
  });

  it('a webhook re-fetch made before a list read, committing after it, does not overwrite the list’s newer copy', async () => {
    const { record, modify } = recordOf('medications', 2);
    const held = holdFirstAnswer(api, 'get');
    const delivery = deliver(MODIFY.medications, record, async () => held.api);
    await held.answered;

    later();
    modify();
    expect((await reconcile(record.patient, api)).streams.medications).toMatchObject({ status: 'succeeded', updated: 1 });
    held.release();
    expect(await delivery).toMatchObject({ status: 'applied', operation: 'unchanged' });
    expect((await stored('medications', record.id)).content_hash).toBe(await currentHash('medications', record.id));
  });

  it('a webhook re-fetch made before a list read, committing after it, does not bring back what the list found gone', async () => {
    const { record } = recordOf('medications', 3);
    const held = holdFirstAnswer(api, 'get');
    const delivery = deliver(MODIFY.medications, record, async () => held.api);
    await held.answered;

    later();
    p.remote.removeMedication(record.id);
    expect((await reconcile(record.patient, api)).streams.medications).toMatchObject({ status: 'succeeded', deleted: 1 });
    held.release();
    expect(await delivery).toMatchObject({ status: 'applied', operation: 'unchanged' });
    expect((await stored('medications', record.id)).deleted_at).not.toBeNull();
  });
});
