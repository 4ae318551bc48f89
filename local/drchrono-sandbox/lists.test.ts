import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connect, movableClock, readAll } from './api-client.testkit.js';
import type { Page } from './api-client.testkit.js';
import { startDrChronoSandbox } from './index.js';
import type { DrChronoSandbox } from './index.js';

const clock = movableClock('2024-06-15T12:00:00Z');
let sb: DrChronoSandbox;
let token: string;

beforeAll(async () => {
  sb = await startDrChronoSandbox({ now: clock.now });
  sb.addPractice({ id: 'clinic', seed: 42, doctors: 3, offices: 2, patients: 130, appointmentsPerPatient: 2 });
  sb.addPractice({ id: 'other', seed: 43, doctors: 1, offices: 1, patients: 5 });
  token = (await connect(sb, 'clinic')).access_token;
});
afterAll(async () => sb.close());

const ids = (rows: { id: number | string }[]): string[] => rows.map((r) => String(r.id));

describe('list endpoints', () => {
  it('pages patients through absolute next links to the end, each record once', async () => {
    const { results, urls } = await readAll(sb, token, '/api/patients?page_size=7&doctor=');
    const expected = sb.practice('clinic').data.patients;
    expect(ids(results)).toEqual(ids(expected));
    expect(urls.length).toBe(Math.ceil(expected.length / 7));
    for (const url of urls.slice(1)) {
      const u = new URL(url);
      expect(u.origin).toBe(sb.url);
      expect(u.searchParams.get('page_size')).toBe('7');
      expect(u.searchParams.has('doctor')).toBe(true);
      expect(u.searchParams.get('cursor')).not.toBeNull();
    }
  });

  it('keeps paging stable when records change between pages', async () => {
    const first = (await apiGet(sb, token, '/api/patients?page_size=10')).body as Page;
    const practice = sb.practice('clinic');
    practice.modifyPatient(Number(first.results[0]?.id));
    const added = practice.createPatient();
    const rest = await readAll(sb, token, first.next as string);
    const all = [...ids(first.results), ...ids(rest.results)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(String(added.id));
  });

  it('clamps page_size to 250 for appointments and to 25 when verbose', async () => {
    const big = (await apiGet(sb, token, '/api/appointments?since=2000-01-01&page_size=1000')).body as Page;
    expect(big.results).toHaveLength(250);
    expect(big.next).not.toBeNull();
    const verbose = (await apiGet(sb, token, '/api/patients?verbose=true&page_size=100')).body as Page;
    expect(verbose.results).toHaveLength(25);
  });

  it('filters by since at day granularity, whatever the time of day sent', async () => {
    const since = '2024-05-01';
    const expected = sb.practice('clinic').data.patients.filter((p) => p.updated_at.slice(0, 10) >= since);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sb.practice('clinic').data.patients.length);
    const byDate = await readAll(sb, token, `/api/patients?since=${since}`);
    const byDateTime = await readAll(sb, token, `/api/patients?since=${since}T23:59:59`);
    expect(ids(byDate.results)).toEqual(ids(expected));
    expect(ids(byDateTime.results)).toEqual(ids(expected));
    const lineItems = await readAll(sb, token, `/api/line_items?since=${since}`);
    const expectedItems = sb.practice('clinic').data.lineItems.filter((l) => l.updated_at.slice(0, 10) >= since);
    expect(ids(lineItems.results)).toEqual(ids(expectedItems));
  });

  it('refuses a malformed since', async () => {
    const bad = await apiGet(sb, token, '/api/patients?since=yesterday');
    expect(bad.status).toBe(400);
  });

  it('refuses an appointment list without since, occurred_since, date or date_range', async () => {
    const bare = await apiGet(sb, token, '/api/appointments');
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ detail: expect.stringContaining('since') as unknown });
    const ranged = await readAll(sb, token, '/api/appointments?date_range=2024-06-01/2024-06-30');
    const expected = sb
      .practice('clinic')
      .data.appointments.filter((a) => a.scheduled_time >= '2024-06-01' && a.scheduled_time.slice(0, 10) <= '2024-06-30');
    expect(ids(ranged.results)).toEqual(ids(expected));
    expect(ranged.results.every((a) => typeof a.id === 'string')).toBe(true);
  });

  it('shows insurance only in verbose patient reads', async () => {
    const patient = sb.practice('clinic').data.patients.find((p) => sb.practice('clinic').data.insurance[p.id]?.primary_insurance);
    const plain = await apiGet(sb, token, `/api/patients/${patient?.id}`);
    const verbose = await apiGet(sb, token, `/api/patients/${patient?.id}?verbose=true`);
    expect(plain.body).not.toHaveProperty('primary_insurance');
    expect(verbose.body).toMatchObject({
      id: patient?.id,
      primary_insurance: {
        insurance_company: expect.any(String) as unknown,
        insurance_payer_id: expect.any(String) as unknown,
        insurance_plan_name: expect.any(String) as unknown,
        insurance_id_number: expect.any(String) as unknown,
        insurance_group_number: expect.any(String) as unknown,
      },
    });
    expect(verbose.body).toHaveProperty('secondary_insurance');
  });

  it('serves details by id and 404s unknown ids and other practices’ records', async () => {
    const data = sb.practice('clinic').data;
    const note = data.clinicalNotes[0];
    const appt = data.appointments.find((a) => a.id === note?.appointment);
    expect((await apiGet(sb, token, `/api/appointments/${appt?.id}`)).body).toEqual(appt);
    expect((await apiGet(sb, token, `/api/clinical_notes/${note?.id}`)).body).toEqual(note);
    const missing = await apiGet(sb, token, '/api/medications/1');
    expect(missing).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    const foreign = sb.practice('other').data.patients[0];
    expect((await apiGet(sb, token, `/api/patients/${foreign?.id}`)).status).toBe(404);
  });

  it('lists medications, problems and allergies per patient', async () => {
    const data = sb.practice('clinic').data;
    const patient = data.patients[3];
    for (const [path, rows] of [
      ['medications', data.medications],
      ['problems', data.problems],
      ['allergies', data.allergies],
    ] as const) {
      const got = await readAll(sb, token, `/api/${path}?patient=${patient?.id}`);
      expect(ids(got.results)).toEqual(ids(rows.filter((r) => r.patient === patient?.id)));
    }
  });

  it('lists doctors and offices of the practice', async () => {
    const doctors = (await apiGet(sb, token, '/api/doctors')).body as Page;
    expect(doctors.results).toEqual(sb.practice('clinic').data.doctors);
    expect(doctors.results[0]).toEqual({
      id: expect.any(Number) as unknown,
      first_name: expect.any(String) as unknown,
      last_name: expect.any(String) as unknown,
      specialty: expect.any(String) as unknown,
      npi_number: expect.stringMatching(/^\d{10}$/) as unknown,
    });
    const offices = (await apiGet(sb, token, '/api/offices')).body as Page;
    expect(ids(offices.results)).toEqual(ids(sb.practice('clinic').data.offices));
  });
});

describe('the clinical notes redirect', () => {
  it('answers 302 to a different origin that still needs the Authorization header', async () => {
    const first = await apiGet(sb, token, '/api/clinical_notes?since=2024-01-01');
    expect(first.status).toBe(302);
    const location = first.headers.get('location') as string;
    expect(new URL(location).origin).toBe(sb.redirectOrigin);
    expect(sb.redirectOrigin).not.toBe(sb.url);
    expect(new URL(location).search).toBe('?since=2024-01-01');
    // fetch drops Authorization across origins: a naive client ends up unauthorized.
    const naive = await fetch(`${sb.url}/api/clinical_notes?since=2024-01-01`, { headers: { authorization: `Bearer ${token}` } });
    expect(naive.status).toBe(401);
    const { results } = await readAll(sb, token, '/api/clinical_notes?since=2024-01-01');
    const expected = sb.practice('clinic').data.clinicalNotes.filter((n) => n.updated_at >= '2024-01-01');
    expect(ids(results)).toEqual(ids(expected));
  });

  it('serves clinical notes directly when the redirect fault is off', async () => {
    sb.setFaults({ redirectClinicalNotes: false });
    try {
      expect((await apiGet(sb, token, '/api/clinical_notes?page_size=1')).status).toBe(200);
    } finally {
      sb.setFaults({});
    }
  });
});
