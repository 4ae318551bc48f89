import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { Doctor, DrxSandbox, Prescription } from './index.js';

let sandbox: DrxSandbox;
let base: string;
const KEY = apiKey(1);

beforeAll(async () => {
  sandbox = await startDrxSandbox();
  sandbox.addStore({ slug: 'paging', apiKey: KEY, seed: 7, doctors: 45, prescriptions: 30, now: () => FIXED_NOW });
  base = sandbox.baseUrlFor('paging');
});
afterAll(() => sandbox.close());

type DoctorPage = { success: boolean; total: number; doctors: Doctor[] };

describe('paging', () => {
  it('pages through every doctor exactly once, ordered by id, with the full total on each page', async () => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += 20) {
      const { status, body } = await callJson<DoctorPage>(base, `/doctors?limit=20&offset=${offset}`, KEY);
      expect(status).toBe(200);
      expect(body.total).toBe(45);
      seen.push(...body.doctors.map((d) => d.id));
      if (body.doctors.length < 20) break;
    }
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
  });

  it('answers 10 records when no limit is given', async () => {
    const { body } = await callJson<DoctorPage>(base, '/doctors', KEY);
    expect(body.doctors).toHaveLength(10);
  });

  it('returns an empty page past the end but still reports the total', async () => {
    const { body } = await callJson<DoctorPage>(base, '/doctors?offset=1000', KEY);
    expect(body).toEqual({ success: true, total: 45, doctors: [] });
  });

  it.each([
    ['limit=101', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-5', 'offset'],
    ['offset=1.5', 'offset'],
  ])('rejects %s with a JSON 400 naming the parameter', async (query, param) => {
    const { status, body } = await callJson<{ success: boolean; error: string }>(base, `/prescriptions?${query}`, KEY);
    expect(status).toBe(400);
    expect(body.success).toBe(false);
    expect(body.error).toContain(param);
  });

  it('accepts limit=100', async () => {
    const { status, body } = await callJson<DoctorPage>(base, '/doctors?limit=100', KEY);
    expect(status).toBe(200);
    expect(body.doctors).toHaveLength(45);
  });
});

describe('single records and routes', () => {
  it('answers the heartbeat with a pulse', async () => {
    expect((await callJson(base, '/heartbeat', KEY)).body).toEqual({ pulse: 1 });
  });

  it('finds a doctor by id and by NPI', async () => {
    const doctor = sandbox.store('paging').data.doctors[4] as Doctor;
    const byId = await callJson<{ doctor: Doctor }>(base, `/doctor/${doctor.id}`, KEY);
    const byNpi = await callJson<{ doctor: Doctor }>(base, `/doctor/${doctor.npi ?? ''}`, KEY);
    expect(byId.body.doctor).toEqual(doctor);
    expect(byNpi.body.doctor.id).toBe(doctor.id);
  });

  it('finds a prescription by id and answers 404 JSON for a missing one', async () => {
    const rx = sandbox.store('paging').data.prescriptions[3] as Prescription;
    expect((await callJson<{ prescription: Prescription }>(base, `/prescription/${rx.id}`, KEY)).body.prescription).toEqual(rx);
    const missing = await callJson(base, '/prescription/999999', KEY);
    expect(missing.status).toBe(404);
    expect(missing.body.success).toBe(false);
    expect((await callJson(base, '/doctor/0000000000', KEY)).status).toBe(404);
  });

  it('answers 404 JSON for an unknown route and an unknown store', async () => {
    const route = await callJson(base, '/patients', KEY);
    expect(route.status).toBe(404);
    expect(route.body.error).toEqual(expect.any(String));
    const store = await callJson(sandbox.baseUrlFor('nope'), '/heartbeat', KEY);
    expect(store.status).toBe(404);
    expect(store.body.success).toBe(false);
  });
});
