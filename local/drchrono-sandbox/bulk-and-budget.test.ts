import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connect, movableClock } from './api-client.testkit.js';
import type { Page } from './api-client.testkit.js';
import { startDrChronoSandbox } from './index.js';
import type { DrChronoSandbox } from './index.js';

const clock = movableClock('2024-06-15T12:10:00Z');
let sb: DrChronoSandbox;
let token: string;

beforeAll(async () => {
  sb = await startDrChronoSandbox({ now: clock.now });
  sb.addPractice({ id: 'bulk', seed: 7, doctors: 2, offices: 1, patients: 45 });
  sb.addPractice({ id: 'twin', seed: 8, doctors: 1, offices: 1, patients: 2 });
  token = (await connect(sb, 'bulk')).access_token;
});
afterAll(async () => sb.close());

async function post(path: string, body: string, type: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sb.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('bulk *_list endpoints', () => {
  it('answers Pending first, then Complete pages that hold every patient once', async () => {
    const created = await post('/api/patients_list', JSON.stringify({ page_size: 20 }), 'application/json');
    expect(created.status).toBe(200);
    const { uuid } = created.body as { uuid: string };
    const first = await apiGet(sb, token, `/api/patients_list?uuid=${uuid}`);
    expect(first.body).toMatchObject({ status: 'Pending' });
    const seen: string[] = [];
    let url: string | null = `/api/patients_list?uuid=${uuid}`;
    while (url !== null) {
      const page = (await apiGet(sb, token, url)).body as Page & { status: string };
      expect(page.status).toBe('Complete');
      expect(page.results.length).toBeLessThanOrEqual(20);
      seen.push(...page.results.map((r) => String(r.id)));
      url = page.next;
    }
    expect(seen).toEqual(sb.practice('bulk').data.patients.map((p) => String(p.id)));
  });

  it('takes a form-encoded since and stays Pending for as many polls as configured', async () => {
    sb.setFaults({ bulkPendingPolls: 3 });
    try {
      const created = await post('/api/line_items_list', 'since=2024-06-01', 'application/x-www-form-urlencoded');
      const { uuid } = created.body as { uuid: string };
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(((await apiGet(sb, token, `/api/line_items_list?uuid=${uuid}`)).body as { status: string }).status);
      }
      expect(statuses).toEqual(['Pending', 'Pending', 'Pending', 'Complete']);
      const done = (await apiGet(sb, token, `/api/line_items_list?uuid=${uuid}`)).body as Page;
      const expected = sb.practice('bulk').data.lineItems.filter((l) => l.updated_at >= '2024-06-01');
      expect(done.results.map((r) => r.id)).toEqual(expected.map((l) => l.id));
    } finally {
      sb.setFaults({});
    }
  });

  it('404s an unknown uuid and one made by another practice', async () => {
    expect((await apiGet(sb, token, '/api/patients_list?uuid=nope')).status).toBe(404);
    const { uuid } = (await post('/api/clinical_notes_list', '{}', 'application/json')).body as { uuid: string };
    const other = (await connect(sb, 'twin')).access_token;
    expect((await apiGet(sb, other, `/api/clinical_notes_list?uuid=${uuid}`)).status).toBe(404);
  });
});

describe('the hourly budget', () => {
  it('answers 429 without Retry-After once the API application has spent its hour, then resets on the hour', async () => {
    const twin = (await connect(sb, 'twin')).access_token;
    clock.set('2024-06-15T13:05:00Z');
    sb.setFaults({ requestsPerHour: 4 });
    try {
      const statuses: number[] = [];
      for (const t of [token, twin, token, twin]) statuses.push((await apiGet(sb, t, '/api/doctors')).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
      // Both practices share the application's budget.
      const refused = await apiGet(sb, twin, '/api/doctors');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBeNull();
      expect(sb.stats().budgetUsedThisHour).toBe(4);
      clock.set('2024-06-15T13:59:59Z');
      expect((await apiGet(sb, token, '/api/doctors')).status).toBe(429);
      clock.set('2024-06-15T14:00:00Z');
      expect((await apiGet(sb, token, '/api/doctors')).status).toBe(200);
      expect(sb.stats().rateLimited).toBeGreaterThanOrEqual(2);
    } finally {
      sb.setFaults({});
    }
  });

  it('does not spend the budget on unauthenticated calls', async () => {
    clock.set('2024-06-15T15:00:00Z');
    await apiGet(sb, 'bogus', '/api/doctors');
    expect(sb.stats().budgetUsedThisHour).toBe(0);
  });

  it('injects queued failures on a path, then serves normally', async () => {
    sb.setFaults({ failNext: [{ path: '/api/patients/:id', status: 503, times: 2 }] });
    const id = sb.practice('bulk').data.patients[0]?.id;
    expect((await apiGet(sb, token, '/api/doctors')).status).toBe(200);
    expect((await apiGet(sb, token, `/api/patients/${id}`)).status).toBe(503);
    expect((await apiGet(sb, token, `/api/patients/${id}`)).status).toBe(503);
    expect((await apiGet(sb, token, `/api/patients/${id}`)).status).toBe(200);
    expect(sb.faults().failNext).toEqual([]);
  });
});
