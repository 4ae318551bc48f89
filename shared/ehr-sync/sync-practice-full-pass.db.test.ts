// A full pass that spans several runs because the hourly budget stops it, and
// what other runs of the practice do while it is unfinished.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  allowOnly, connectSandboxPractice, cursorsOf, dueFull, expectMirrorsMatch, fullPassOf, nextHour, paramsOf, startEhrSyncHarness, type ConnectedPractice,
  type EhrSyncHarness,
} from './ehr-sync.testkit.js';
import { syncPractice } from './sync-practice.js';

let h: EhrSyncHarness;
beforeAll(async () => {
  h = await startEhrSyncHarness();
});
afterAll(() => h.close());
// A test that fails while a limit is set must not leave the next one's connect refused.
afterEach(() => h.sandbox.setFaults({ bulkPendingPolls: 1 }));

const HOUR = 3_600_000;
const firstAppointmentsRequest = () => h.requests.find((u) => u.pathname.startsWith('/api/appointments'))?.toString();

/**
 * Six patients, appointments in three pages of 5: a scheduled full run whose
 * budget runs out on the second appointments page (after the patients' 3-request
 * bulk flow and one page). Returns the pass and the appointments window it left open.
 */
async function stoppedPass(p: ConnectedPractice) {
  allowOnly(h, 4);
  const run = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: true });
  expect(run).toMatchObject({ status: 'partial', errorCode: 'drchrono_budget_exhausted', full: true });
  expect(run.streams.patients.status).toBe('succeeded');
  expect(run.streams.appointments).toMatchObject({ status: 'failed', errorCode: 'drchrono_budget_exhausted', pages: 1 });
  const pass = new Date(run.startedAt);
  expect(await fullPassOf(h, p.id)).toEqual({ full_pass_started_at: pass, last_full_sync_at: null });
  const open = (await cursorsOf(h, p.id)).appointments;
  expect(open).toMatchObject({ window_full: true, window_pass: pass, window_next_url: expect.stringMatching(/\/api\/appointments/) });
  return { run, pass, nextUrl: open?.window_next_url ?? '' };
}

describe('a full pass the budget stops', () => {
  it('resumes where it stopped: streams it completed are not downloaded again, and the pass ends when a run finishes it', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 5 });
    const stopped = await stoppedPass(p);

    nextHour(h);
    expect(await dueFull(h, p.id)).toBe(true);
    h.requests.length = 0;
    const resumed = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: true });
    expect(resumed.status).toBe('succeeded');
    expect(paramsOf(h, '/api/patients_list')).toEqual([]);
    expect(paramsOf(h, '/api/clinical_notes_list').length).toBeGreaterThan(0);
    // Appointments continue from the page the stopped run reached, not from the first.
    expect(firstAppointmentsRequest()).toBe(stopped.nextUrl);
    await expectMirrorsMatch(h, p);
    // The pass's start: everything stored before it has been reconciled.
    expect(await fullPassOf(h, p.id)).toEqual({ full_pass_started_at: null, last_full_sync_at: stopped.pass });
    h.clock.advance(HOUR);
    expect(await dueFull(h, p.id)).toBe(false);
  });

  it('Sync Now with full: true starts a fresh full pass, which later scheduled runs finish if the budget stops it', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 5 });
    expect((await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: true })).status).toBe('succeeded');
    nextHour(h);
    allowOnly(h, 4);
    const forced = await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: true });
    expect(forced).toMatchObject({ status: 'partial', errorCode: 'drchrono_budget_exhausted' });
    expect(forced.streams.patients.status).toBe('succeeded');

    nextHour(h);
    expect(await dueFull(h, p.id)).toBe(true);
    h.requests.length = 0;
    const finished = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: true });
    expect(finished.status).toBe('succeeded');
    expect(paramsOf(h, '/api/patients_list')).toEqual([]);
    expect(paramsOf(h, '/api/line_items_list').length).toBeGreaterThan(0);
    expect((await fullPassOf(h, p.id)).last_full_sync_at).toEqual(new Date(forced.startedAt));

    nextHour(h);
    h.requests.length = 0;
    const again = await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: true });
    expect(again.status).toBe('succeeded');
    expect(paramsOf(h, '/api/patients_list').length).toBeGreaterThan(0);
    expect((await fullPassOf(h, p.id)).last_full_sync_at).toEqual(new Date(again.startedAt));
  });
});

describe('an incremental run while a full pass is unfinished', () => {
  it('continues the pass instead of replacing its open windows, still picks up recent changes, and the pass walks every record once', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 5 });
    const stopped = await stoppedPass(p);

    // Next hour an admin presses Sync Now without full; its budget covers the patients' since page and one appointments page.
    nextHour(h);
    const changed = p.remote.data.patients[2];
    if (!changed) throw new Error('no patient');
    p.remote.modifyPatient(changed.id);
    allowOnly(h, 2);
    h.requests.length = 0;
    const incremental = await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: false });
    expect(incremental).toMatchObject({ status: 'partial', errorCode: 'drchrono_budget_exhausted' });
    // Patients completed the pass, so they only catch up from their cursor: the recent change is stored.
    expect(incremental.streams.patients).toMatchObject({ status: 'succeeded', pages: 1, updated: 1 });
    expect(paramsOf(h, '/api/patients_list')).toEqual([]);
    // Appointments go on with the pass's window from the page it reached, and it stays the pass's window.
    expect(firstAppointmentsRequest()).toBe(stopped.nextUrl);
    expect(incremental.streams.appointments).toMatchObject({ status: 'failed', errorCode: 'drchrono_budget_exhausted', pages: 1 });
    const midway = await cursorsOf(h, p.id);
    expect(midway.appointments).toMatchObject({ window_full: true, window_pass: stopped.pass, full_pass_done: null });
    expect(midway.appointments?.window_next_url).toMatch(/\/api\/appointments/);
    expect(midway.appointments?.window_next_url).not.toBe(stopped.nextUrl);
    // No stream is marked done with a pass it has not walked, and the pass is still open.
    for (const stream of ['clinical_notes', 'line_items'] as const) expect(midway[stream]?.full_pass_done ?? null, stream).toBeNull();
    expect(await fullPassOf(h, p.id)).toEqual({ full_pass_started_at: stopped.pass, last_full_sync_at: null });
    const log = await h.t.rt.db.selectFrom('integration_logs').select(['kind', 'full_sync']).where('id', '=', incremental.runId).executeTakeFirstOrThrow();
    // It did the pass's full windows, so it is answered and logged as full.
    expect(incremental.full).toBe(true);
    expect(log).toEqual({ kind: 'manual', full_sync: true });

    // The sweep continues the pass where the incremental run left it, and finishes it.
    nextHour(h);
    expect(await dueFull(h, p.id)).toBe(true);
    h.requests.length = 0;
    const finished = await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: true });
    expect(finished.status).toBe('succeeded');
    expect(firstAppointmentsRequest()).toBe(midway.appointments?.window_next_url);
    expect(paramsOf(h, '/api/patients_list')).toEqual([]);
    await expectMirrorsMatch(h, p);
    // As an uninterrupted pass: each appointment fetched once, every stream completed this pass, no window left open.
    const runs = [stopped.run, incremental, finished];
    expect(runs.reduce((n, r) => n + r.streams.appointments.fetched, 0)).toBe(p.remote.data.appointments.length);
    expect(runs.map((r) => r.streams.clinical_notes.fetched)).toEqual([0, 0, p.remote.data.clinicalNotes.length]);
    for (const [stream, c] of Object.entries(await cursorsOf(h, p.id))) expect(c, stream).toMatchObject({ full_pass_done: stopped.pass, window_started_at: null });
    expect(await fullPassOf(h, p.id)).toEqual({ full_pass_started_at: null, last_full_sync_at: stopped.pass });
  });

  it('finishes the pass when its budget allows, and once no pass is open Sync Now is incremental again', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 5 });
    const stopped = await stoppedPass(p);

    nextHour(h);
    h.requests.length = 0;
    const incremental = await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: false });
    expect(incremental.status).toBe('succeeded');
    expect(firstAppointmentsRequest()).toBe(stopped.nextUrl);
    await expectMirrorsMatch(h, p);
    expect(await fullPassOf(h, p.id)).toEqual({ full_pass_started_at: null, last_full_sync_at: stopped.pass });
    expect(incremental.full).toBe(true);
    h.clock.advance(HOUR);
    expect(await dueFull(h, p.id)).toBe(false);

    h.requests.length = 0;
    const after = await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: false });
    expect(after).toMatchObject({ status: 'succeeded', full: false });
    for (const bulk of ['/api/patients_list', '/api/clinical_notes_list', '/api/line_items_list']) expect(paramsOf(h, bulk), bulk).toEqual([]);
    expect(await fullPassOf(h, p.id)).toEqual({ full_pass_started_at: null, last_full_sync_at: stopped.pass });
  });

  it('runs the first backfill of a never-synced practice as its full pass when Sync Now asks for an incremental run', async () => {
    const p = await connectSandboxPractice(h, { patients: 6, pageSize: 5 });
    expect(await dueFull(h, p.id)).toBe(true);
    const first = await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: false });
    expect(first).toMatchObject({ status: 'succeeded', full: true });
    await expectMirrorsMatch(h, p);
    // The backfill counts as the first pass, so the sweep does not download everything a second time.
    expect(await fullPassOf(h, p.id)).toEqual({ full_pass_started_at: null, last_full_sync_at: new Date(first.startedAt) });
    h.clock.advance(HOUR);
    expect(await dueFull(h, p.id)).toBe(false);
  });
});
