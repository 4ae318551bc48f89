import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDeliveryPatient } from '../drchrono-webhooks/queue-delivery-patient.js';
import { AppError } from '../errors/app-error.js';
import {
  allowOnly, connectSandboxPractice, cursorsOf, expectMirrorsMatch, nextHour, paramsOf, remoteIds, startEhrSyncHarness, storedIds, type EhrSyncHarness,
} from './ehr-sync.testkit.js';
import { syncPractice } from './sync-practice.js';

let h: EhrSyncHarness;
beforeAll(async () => {
  h = await startEhrSyncHarness();
});
afterAll(() => h.close());

const HOUR = 3_600_000;
const maxUpdated = (xs: readonly { updated_at: string }[]) => new Date(Math.max(...xs.map((x) => Date.parse(x.updated_at))));
const day = (d: Date) => d.toISOString().slice(0, 10);
const db = () => h.t.rt.db;

describe('syncPractice', () => {
  it('backfills a new practice through the bulk lists, and records the run, its cursors and a PHI-free live update', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 5 });
    h.sandbox.resetStats();
    const summary = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: true });
    expect(summary.status).toBe('succeeded');
    const byPath = h.sandbox.stats().byPath;
    expect(byPath['/api/patients_list']).toBeGreaterThan(0);
    expect(byPath['/api/clinical_notes_list']).toBeGreaterThan(0);
    expect(byPath['/api/line_items_list']).toBeGreaterThan(0);
    expect(byPath['/api/patients']).toBeUndefined();
    await expectMirrorsMatch(h, p);
    const d = p.remote.data;
    expect(summary.streams.patients).toMatchObject({ status: 'succeeded', created: 6 });
    expect(summary.streams.medications).toMatchObject({ status: 'succeeded', created: d.medications.length, pages: 6 });
    // Insurance comes from verbose patient reads only.
    const slots = Object.values(d.insurance).flatMap((i) => [i.primary_insurance, i.secondary_insurance]).filter((s) => s !== null);
    const insurances = await db().selectFrom('insurances').select(['member_id']).where('practice_id', '=', p.id).where('deleted_at', 'is', null).execute();
    expect(insurances.map((r) => r.member_id).sort()).toEqual(slots.map((s) => s.insurance_id_number).sort());
    expect(paramsOf(h, '/api/patients/' + String(d.patients[0]?.id)).map((q) => q.get('verbose'))).toEqual(['true']);
    // Cursors are the largest updated_at stored, never our clock.
    const cursors = await cursorsOf(h, p.id);
    expect(cursors.patients).toMatchObject({ cursor_value: maxUpdated(d.patients), window_started_at: null });
    expect(cursors.line_items?.cursor_value).toEqual(maxUpdated(d.lineItems));
    const log = await db().selectFrom('integration_logs').selectAll().where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ source: 'drchrono', kind: 'scheduled', practice_id: p.id, pharmacy_id: null, status: 'succeeded', created: summary.totals.created, error: null });
    expect(log.counts).toMatchObject({ patients: { created: 6, status: 'succeeded' }, insurances: { created: slots.length } });
    const practice = await db().selectFrom('practices').select(['last_success_at', 'last_full_sync_at']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(practice).toEqual({ last_success_at: new Date(summary.finishedAt), last_full_sync_at: new Date(summary.startedAt) });
    const live = await db().selectFrom('outbox').select('payload').where('topic', '=', 'live-updates').where(({ eb }) => eb(eb.ref('payload', '->>').key('runId'), '=', summary.runId)).execute();
    expect(live).toHaveLength(1);
    expect(live[0]?.payload).toMatchObject({ type: 'ehr.sync.completed', practiceId: p.id, status: 'succeeded', counts: { created: summary.totals.created } });
    expect(JSON.stringify(live[0]?.payload)).not.toContain(d.patients[0]?.last_name ?? '-');
    // The audit trigger saw the sync as the writer.
    const actors = await db().selectFrom('change_log').select('actor').distinct().where('table_name', '=', 'patients').where('drchrono_id', 'in', remoteIds(p).patients).execute();
    expect(actors).toEqual([{ actor: 'drchrono_sync' }]);
  });

  it('asks for since = cursor − 24h, picks up changes, and lists per-patient records only for changed patients', async () => {
    const p = await connectSandboxPractice(h, { patients: 4, pageSize: 5 });
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    const before = await cursorsOf(h, p.id);
    h.clock.advance(2 * HOUR);
    const changed = p.remote.data.patients[1];
    if (!changed) throw new Error('no patient');
    p.remote.modifyPatient(changed.id);
    const med = p.remote.createMedication(changed.id);
    h.requests.length = 0;
    const summary = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(summary.status).toBe('succeeded');
    for (const stream of ['patients', 'appointments', 'clinical_notes', 'line_items'] as const) {
      const cursor = before[stream]?.cursor_value;
      if (!cursor) throw new Error(`no ${stream} cursor`);
      expect(paramsOf(h, `/api/${stream}`)[0]?.get('since'), stream).toBe(day(new Date(cursor.getTime() - 24 * HOUR)));
    }
    expect(paramsOf(h, '/api/patients_list')).toEqual([]);
    expect(summary.streams.patients).toMatchObject({ updated: 1, created: 0 });
    expect(paramsOf(h, '/api/medications').map((q) => q.get('patient'))).toEqual([String(changed.id)]);
    expect(summary.streams.medications).toMatchObject({ created: 1 });
    expect((await storedIds(h, p.id, 'medications')).live).toContain(String(med.id));
    expect((await cursorsOf(h, p.id)).patients?.cursor_value).toEqual(maxUpdated(p.remote.data.patients));
  });

  it('catches deletions of each kind: deleted_flag, line_item_deletions, and records that vanished from a patient list', async () => {
    const p = await connectSandboxPractice(h, { patients: 3, pageSize: 5 });
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    h.clock.advance(HOUR);
    const d = p.remote.data;
    const [apt, item, med, problem, allergy] = [d.appointments[0], d.lineItems[0], d.medications[0], d.problems.at(-1), d.allergies[0]];
    if (!apt || !item || !med || !problem || !allergy) throw new Error('practice too small');
    p.remote.deleteAppointment(apt.id);
    p.remote.deleteLineItem(item.id);
    p.remote.removeMedication(med.id);
    p.remote.modifyPatient(med.patient);
    p.remote.removeProblem(problem.id);
    p.remote.removeAllergy(allergy.id);
    // Problem and allergy patients are named by applied webhook deliveries (which queue them) rather than changed.
    for (const [kind, object] of [['problems', { id: 1, patient: problem.patient }], ['allergies', { id: 2, patient: allergy.patient }]] as const) {
      await queueDeliveryPatient(db(), p.id, { kind, objectId: String(object.id), payload: { receiver: {}, object } });
    }
    const summary = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(summary.status).toBe('succeeded');
    expect((await storedIds(h, p.id, 'appointments')).deleted).toEqual([apt.id]);
    expect((await storedIds(h, p.id, 'line_items')).deleted).toEqual([String(item.id)]);
    expect((await storedIds(h, p.id, 'medications')).deleted).toEqual([String(med.id)]);
    expect((await storedIds(h, p.id, 'problems')).deleted).toEqual([String(problem.id)]);
    expect((await storedIds(h, p.id, 'allergies')).deleted).toEqual([String(allergy.id)]);
    expect(summary.totals.deleted).toBe(5);
    await expectMirrorsMatch(h, p);
    const deletes = await db().selectFrom('change_log').select(['actor', 'operation']).where('table_name', '=', 'medications').where('drchrono_id', '=', String(med.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(deletes).toEqual({ actor: 'drchrono_sync', operation: 'delete' });
  });

  it('refuses a second run of the same practice with 409 naming the running one, and an unknown practice with 404', async () => {
    const p = await connectSandboxPractice(h, { patients: 1 });
    const runId = randomUUID();
    await db().insertInto('practice_sync_leases').values({ practice_id: p.id, run_id: runId, holder: 'other', acquired_at: new Date(), expires_at: new Date(Date.now() + 600_000) }).execute();
    const err = await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: 'conflict', code: 'sync_running', details: { runId } });
    const unknown = await syncPractice(p.deps, { practiceId: 'pr_nobody', kind: 'manual', full: false }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ kind: 'not_found', code: 'unknown_practice' });
  });
});

describe('syncPractice when DrChrono stops answering', () => {
  it('stops as partial when the hourly budget runs out mid-stream, then resumes from the page it was on after the reset', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 5 });
    // Patients' bulk flow takes 3 requests, then appointments pages of 5: the 429 hits the second page.
    allowOnly(h, 4);
    const stopped = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(stopped).toMatchObject({ status: 'partial', errorCode: 'drchrono_budget_exhausted' });
    expect(stopped.streams.patients.status).toBe('succeeded');
    expect(stopped.streams.appointments).toMatchObject({ status: 'failed', errorCode: 'drchrono_budget_exhausted', pages: 1 });
    expect(stopped.streams.clinical_notes.status).toBe('skipped');
    expect(stopped.pendingPatients).toBe(6);
    const log = await db().selectFrom('integration_logs').select(['status', 'error_code']).where('id', '=', stopped.runId).executeTakeFirstOrThrow();
    expect(log).toEqual({ status: 'partial', error_code: 'drchrono_budget_exhausted' });
    const open = (await cursorsOf(h, p.id)).appointments;
    expect(open?.window_next_url).toMatch(/\/api\/appointments/);
    expect(open?.cursor_value).toBeNull();

    nextHour(h);
    h.requests.length = 0;
    const resumed = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(resumed).toMatchObject({ status: 'succeeded', pendingPatients: 0 });
    expect(h.requests.find((u) => u.pathname.startsWith('/api/appointments'))?.toString()).toBe(open?.window_next_url);
    expect(resumed.streams.appointments.created).toBe(p.remote.data.appointments.length - 5);
    await expectMirrorsMatch(h, p);
  });

  it('leaves unfinished patients queued when the budget runs out in the per-patient lists, and finishes them next hour', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 50 });
    // 3 + 1 + 3 + 1 + 3 requests for the since streams, then 4 per patient: room for two patients.
    allowOnly(h, 11 + 9);
    const stopped = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(stopped).toMatchObject({ status: 'partial', errorCode: 'drchrono_budget_exhausted', pendingPatients: 4 });
    expect(stopped.streams.line_items.status).toBe('succeeded');
    expect(stopped.streams.medications).toMatchObject({ status: 'failed', pages: 2 });
    nextHour(h);
    h.requests.length = 0;
    const resumed = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(resumed).toMatchObject({ status: 'succeeded', pendingPatients: 0 });
    expect(new Set(paramsOf(h, '/api/medications').map((q) => q.get('patient'))).size).toBe(4);
    await expectMirrorsMatch(h, p);
    const counts = await db().selectFrom('medications').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', p.id).executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(p.remote.data.medications.length);
  });

  it('walks a window again from its since when DrChrono refuses the next link a stopped run stored', async () => {
    const p = await connectSandboxPractice(h, { patients: 4, pageSize: 5 });
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    h.clock.advance(HOUR);
    const changed = p.remote.data.patients[1];
    if (!changed) throw new Error('no patient');
    p.remote.modifyPatient(changed.id);
    // A run stopped mid-window left a link DrChrono no longer serves (404); without the restart every run fails here.
    const { base_url: base } = await db().selectFrom('practices').select('base_url').where('id', '=', p.id).executeTakeFirstOrThrow();
    const cursor = (await cursorsOf(h, p.id)).patients?.cursor_value;
    if (!cursor) throw new Error('no cursor');
    await db()
      .updateTable('practice_sync_cursors')
      .set({ window_since: new Date(cursor.getTime() - 24 * HOUR), window_full: false, window_pass: null, window_started_at: h.clock.now(), window_next_url: new URL('/api/no-such-list?page=2', base).href })
      .where('practice_id', '=', p.id)
      .where('stream', '=', 'patients')
      .execute();

    const summary = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(summary.streams.patients).toMatchObject({ status: 'succeeded', updated: 1 });
    expect((await cursorsOf(h, p.id)).patients).toMatchObject({ window_next_url: null, window_started_at: null });
  });

  it('keeps a failing stream’s cursor while the streams after it still run, then moves it once the stream succeeds', async () => {
    const p = await connectSandboxPractice(h, { patients: 3, pageSize: 5 });
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    const before = (await cursorsOf(h, p.id)).line_items?.cursor_value;
    h.clock.advance(HOUR);
    const patient = p.remote.data.patients[0];
    const apt = p.remote.data.appointments[0];
    if (!patient || !apt) throw new Error('practice too small');
    const item = p.remote.createLineItem(apt.id);
    p.remote.modifyPatient(patient.id);
    h.sandbox.setFaults({ bulkPendingPolls: 1, failNext: [{ path: '/api/line_items', status: 500, times: 50 }] });
    const failed = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(failed.status).toBe('partial');
    expect(failed.streams.line_items).toMatchObject({ status: 'failed', errorCode: 'drchrono_unavailable' });
    expect(failed.streams.medications.status).toBe('succeeded');
    expect(failed.streams.patients).toMatchObject({ status: 'succeeded', updated: 1 });
    expect((await cursorsOf(h, p.id)).line_items?.cursor_value).toEqual(before);
    h.sandbox.setFaults({ bulkPendingPolls: 1 });
    const again = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    expect(again.status).toBe('succeeded');
    expect((await storedIds(h, p.id, 'line_items')).live).toContain(String(item.id));
    expect((await cursorsOf(h, p.id)).line_items?.cursor_value).toEqual(new Date(item.updated_at));
  });
});
