import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, tokenRequest } from './api-client.testkit.js';
import { startDrChronoSandbox } from './index.js';
import type { DrChronoSandbox, TokenAnswer } from './index.js';

const now = (): Date => new Date('2024-06-15T12:00:00Z');
let sb: DrChronoSandbox;

beforeAll(async () => {
  sb = await startDrChronoSandbox({ now });
});
afterAll(async () => sb.close());

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.url}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('generation', () => {
  it('generates the same practice from the same seed, clock and id base', async () => {
    const [one, two] = await Promise.all([startDrChronoSandbox({ now, idBase: 7 }), startDrChronoSandbox({ now, idBase: 7 })]);
    try {
      const opts = { id: 'same', seed: 99, doctors: 2, offices: 2, patients: 10 };
      expect(one.addPractice(opts).data).toEqual(two.addPractice(opts).data);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('gives sandboxes with different id bases disjoint ids (tests share one database)', async () => {
    const [one, two] = await Promise.all([startDrChronoSandbox({ now }), startDrChronoSandbox({ now })]);
    try {
      const opts = { id: 'p', seed: 1, doctors: 2, offices: 1, patients: 5 };
      const ids = (d: { patients: { id: number }[]; doctors: { id: number }[] }) => [...d.patients, ...d.doctors].map((r) => r.id);
      const a = ids(one.addPractice(opts).data);
      const b = ids(two.addPractice(opts).data);
      expect(a.filter((id) => b.includes(id))).toEqual([]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('fills the contract fields with plausible values and unique ids across practices', () => {
    const a = sb.addPractice({ id: 'ga', seed: 1, doctors: 1, offices: 1, patients: 20 }).data;
    const b = sb.addPractice({ id: 'gb', seed: 1, doctors: 1, offices: 1, patients: 20 }).data;
    expect(new Set([...a.patients, ...b.patients].map((p) => p.id)).size).toBe(40);
    expect(a.doctors[0]?.id).not.toBe(b.doctors[0]?.id);
    const p = a.patients[0];
    expect(p?.date_of_birth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p?.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(a.problems.every((x) => /^[A-Z]\d{2}(\.\d+)?$/.test(x.icd_code))).toBe(true);
    expect(a.medications.every((m) => /^\d+$/.test(m.rxnorm) && /^\d{5}-\d{4}-\d{2}$/.test(m.ndc))).toBe(true);
    expect(a.clinicalNotes.every((n) => a.appointments.some((x) => x.id === n.appointment && x.patient === n.patient))).toBe(true);
    expect(a.lineItems.every((l) => /^\d{5}$/.test(l.code))).toBe(true);
    expect(a.patients.every((x) => x.updated_at <= '2024-06-15T12:00:00Z')).toBe(true);
  });

  it('names the bad option and refuses a duplicate id', () => {
    expect(() => sb.addPractice({ id: 'bad id', seed: 1, doctors: 1, offices: 1, patients: 1 })).toThrow(/id/);
    expect(() => sb.addPractice({ id: 'ga', seed: 1, doctors: 1, offices: 1, patients: 1 })).toThrow(/already exists/);
  });
});

describe('/_sandbox control over HTTP', () => {
  it('adds a practice, issues a code, mutates records and reports stats', async () => {
    const added = await control('POST', '/practices', { id: 'http', seed: 4, doctors: 1, offices: 1, patients: 2 });
    expect(added.status).toBe(201);
    expect((await control('POST', '/practices', { id: 'http', seed: 4, doctors: 1, offices: 1, patients: 2 })).status).toBe(409);
    const { code } = (await control('POST', '/practices/http/code')).body as { code: string };
    const tokens = (await tokenRequest(sb, { grant_type: 'authorization_code', code })).body as TokenAnswer;
    const created = await control('POST', '/practices/http/mutate', { op: 'createPatient' });
    const patient = created.body.result as { id: number };
    expect((await apiGet(sb, tokens.access_token, `/api/patients/${patient.id}`)).body).toEqual(patient);
    const removed = await control('POST', '/practices/http/mutate', { op: 'removeMedication', id: 1 });
    expect(removed.status).toBe(404);
    expect((await control('POST', '/practices/http/mutate', { op: 'explode' })).status).toBe(400);
    expect((await control('POST', '/faults', { requestsPerHour: -1 })).status).toBe(400);
    const stats = (await control('GET', '/stats')).body;
    expect(stats.byPractice).toMatchObject({ http: 1 });
    expect((await control('POST', '/webhook/ping')).status).toBe(409);
  });
});
