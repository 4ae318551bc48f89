// Test-only: one DrChrono sandbox and one Runtime sharing a ManualClock (so the
// hourly budget of both sides can be moved), and practices connected through
// the real OAuth code exchange.
import { expect } from 'vitest';
import { startDrChronoSandbox, type DrChronoSandbox, type PracticeOptions, type SandboxPractice } from '../../local/drchrono-sandbox/index.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { openDrChronoApi } from '../drchrono/open-drchrono-api.js';
import { connectPractice } from '../practices/connect-practice.js';
import { createTestRuntime, type TestRuntime } from '../runtime/test-runtime.testkit.js';
import { ManualClock } from '../time/clock.js';
import { createEhrSyncDeps } from './create-ehr-sync-deps.js';
import type { EhrSyncDeps } from './ehr-sync-deps.js';
import { listDuePractices } from './list-due-practices.js';

const HOUR_MS = 3_600_000;

export interface EhrSyncHarness {
  sandbox: DrChronoSandbox;
  clock: ManualClock;
  t: TestRuntime;
  /** Every DrChrono API URL our client fetched, in order. */
  requests: URL[];
  close(): Promise<void>;
}

export interface ConnectedPractice {
  id: string;
  remote: SandboxPractice;
  deps: EhrSyncDeps;
}

/** Starts the sandbox and a test Runtime on one ManualClock. */
export async function startEhrSyncHarness(start = new Date('2026-03-02T10:30:00Z')): Promise<EhrSyncHarness> {
  const clock = new ManualClock(start);
  const sandbox = await startDrChronoSandbox({ now: () => clock.now(), faults: { bulkPendingPolls: 1 } });
  const t = await createTestRuntime({ DRCHRONO_REQUEST_TIMEOUT_MS: '5000' }, { clock });
  const requests: URL[] = [];
  return {
    sandbox,
    clock,
    t,
    requests,
    close: async () => {
      await sandbox.close();
      await t.close();
    },
  };
}

/** Generates a sandbox practice and connects it (real code exchange); its deps record every API URL. */
export async function connectSandboxPractice(
  h: EhrSyncHarness,
  opts: Omit<PracticeOptions, 'id' | 'seed' | 'doctors' | 'offices'> & { seed?: number; pageSize?: number; requestsPerHour?: number },
): Promise<ConnectedPractice> {
  const id = uniquePharmacyId('pr');
  const { pageSize, requestsPerHour, ...practice } = opts;
  const remote = h.sandbox.addPractice({ id, seed: 7, doctors: 1, offices: 1, ...practice });
  const { rt } = h.t;
  await connectPractice(
    { db: rt.db, secrets: rt.secrets, clock: rt.clock, log: rt.log, config: rt.config },
    {
      practiceId: id,
      name: 'Sync test practice',
      clientId: h.sandbox.oauth.clientId,
      clientSecret: h.sandbox.oauth.clientSecret,
      code: h.sandbox.oauth.issueCode(id),
      baseUrl: h.sandbox.url,
      ...(requestsPerHour ? { requestsPerHour } : {}),
    },
  );
  const recordingFetch: typeof fetch = (input, init) => {
    h.requests.push(new URL(input instanceof Request ? input.url : String(input)));
    return fetch(input, init);
  };
  const base = createEhrSyncDeps(rt);
  const deps: EhrSyncDeps = {
    ...base,
    settings: { ...base.settings, ...(pageSize ? { pageSize } : {}) },
    openApi: (practiceId) =>
      openDrChronoApi({ db: rt.db, secrets: rt.secrets, clock: rt.clock, log: rt.log, config: rt.config, fetchImpl: recordingFetch }, practiceId),
  };
  return { id, remote, deps };
}

/** DrChrono ids stored for the practice in a mirror table, live and deleted. */
export async function storedIds(h: EhrSyncHarness, practiceId: string, table: 'patients' | 'appointments' | 'clinical_notes' | 'medications' | 'problems' | 'allergies' | 'line_items') {
  const rows = await h.t.rt.db.selectFrom(table).select(['drchrono_id', 'deleted_at']).where('practice_id', '=', practiceId).orderBy('drchrono_id').execute();
  return {
    live: rows.filter((r) => r.deleted_at === null).map((r) => String(r.drchrono_id)).sort(),
    deleted: rows.filter((r) => r.deleted_at !== null).map((r) => String(r.drchrono_id)).sort(),
  };
}

/** The sandbox's live ids per mirror table, as strings sorted like storedIds. */
export function remoteIds(p: ConnectedPractice) {
  const d = p.remote.data;
  const ids = (xs: readonly { id: number | string }[]) => xs.map((x) => String(x.id)).sort();
  return {
    patients: ids(d.patients),
    appointments: ids(d.appointments.filter((a) => !a.deleted_flag)),
    clinical_notes: ids(d.clinicalNotes),
    medications: ids(d.medications),
    problems: ids(d.problems),
    allergies: ids(d.allergies),
    line_items: ids(d.lineItems),
  };
}

/** The practice's cursor rows by stream. */
export async function cursorsOf(h: EhrSyncHarness, practiceId: string) {
  const rows = await h.t.rt.db.selectFrom('practice_sync_cursors').selectAll().where('practice_id', '=', practiceId).execute();
  return Object.fromEntries(rows.map((r) => [r.stream, r]));
}

/** Query parameters of the recorded requests to `path` (e.g. '/api/patients'). */
export function paramsOf(h: EhrSyncHarness, path: string): URLSearchParams[] {
  return h.requests.filter((u) => u.pathname.replace(/\/$/, '') === path).map((u) => u.searchParams);
}

/** Every live record of the sandbox practice is live in our mirror, and nothing else is. */
export async function expectMirrorsMatch(h: EhrSyncHarness, p: ConnectedPractice): Promise<void> {
  const remote = remoteIds(p);
  for (const table of ['patients', 'appointments', 'clinical_notes', 'medications', 'problems', 'allergies', 'line_items'] as const) {
    expect((await storedIds(h, p.id, table)).live, table).toEqual(remote[table]);
  }
}

/** Sets the sandbox's hourly limit (for the whole API application) to `extra` more requests this hour. */
export function allowOnly(h: EhrSyncHarness, extra: number): void {
  h.sandbox.setFaults({ bulkPendingPolls: 1, requestsPerHour: h.sandbox.stats().budgetUsedThisHour + extra });
}

/** Moves both clocks to the next hour (a fresh budget) and lifts any limit allowOnly set. */
export function nextHour(h: EhrSyncHarness): void {
  h.clock.advance(HOUR_MS);
  h.sandbox.setFaults({ bulkPendingPolls: 1 });
}

/** Whether the scheduled sweep would run the practice now with full: true (undefined: not due). */
export async function dueFull(h: EhrSyncHarness, practiceId: string): Promise<boolean | undefined> {
  return (await listDuePractices(h.t.rt.db, { now: h.clock.now(), intervalMinutes: 60 })).find((d) => d.practiceId === practiceId)?.full;
}

/** The practice's full-pass fields: the unfinished pass (if any) and the start of the last finished one. */
export async function fullPassOf(h: EhrSyncHarness, practiceId: string) {
  return h.t.rt.db.selectFrom('practices').select(['full_pass_started_at', 'last_full_sync_at']).where('id', '=', practiceId).executeTakeFirstOrThrow();
}
