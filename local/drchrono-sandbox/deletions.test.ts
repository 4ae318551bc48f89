import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connect, movableClock, readAll } from './api-client.testkit.js';
import { startDrChronoSandbox } from './index.js';
import type { DrChronoSandbox, LineItemDeletion } from './index.js';

const clock = movableClock('2024-06-15T12:00:00Z');
let sb: DrChronoSandbox;
let token: string;

beforeAll(async () => {
  sb = await startDrChronoSandbox({ now: clock.now, tokenTtlSeconds: 30 * 86_400 });
  sb.addPractice({ id: 'del', seed: 11, doctors: 1, offices: 1, patients: 4, lineItemsPerAppointment: 2 });
  token = (await connect(sb, 'del')).access_token;
});
afterAll(async () => sb.close());

describe('deletions', () => {
  it('keeps a deleted appointment in lists with deleted_flag set', async () => {
    const practice = sb.practice('del');
    const appt = practice.data.appointments[0];
    clock.set('2024-06-20T08:00:00Z');
    practice.deleteAppointment(appt?.id as string);
    const listed = await readAll(sb, token, '/api/appointments?since=2024-06-20');
    expect(listed.results).toEqual([expect.objectContaining({ id: appt?.id, deleted_flag: true })]);
    expect((await apiGet(sb, token, `/api/appointments/${appt?.id}`)).body).toMatchObject({ deleted_flag: true });
  });

  it('drops a deleted line item and lists it in line_item_deletions since that day', async () => {
    const practice = sb.practice('del');
    const item = practice.data.lineItems[0];
    clock.set('2024-06-21T09:30:00Z');
    practice.deleteLineItem(item?.id as number);
    expect((await apiGet(sb, token, `/api/line_items/${item?.id}`)).status).toBe(404);
    const deletions = await readAll(sb, token, '/api/line_item_deletions?since=2024-06-21');
    expect(deletions.results as unknown as LineItemDeletion[]).toEqual([{ id: item?.id, deleted_at: '2024-06-21T09:30:00Z' }]);
    expect((await readAll(sb, token, '/api/line_item_deletions?since=2024-06-22')).results).toEqual([]);
  });

  it('makes removed medications, problems and allergies vanish from the patient list and details', async () => {
    const practice = sb.practice('del');
    const data = practice.data;
    const med = data.medications[0];
    const problem = data.problems[0];
    const allergy = data.allergies[0];
    practice.removeMedication(med?.id as number);
    practice.removeProblem(problem?.id as number);
    practice.removeAllergy(allergy?.id as number);
    for (const [kind, rec] of [
      ['medications', med],
      ['problems', problem],
      ['allergies', allergy],
    ] as const) {
      const list = await readAll(sb, token, `/api/${kind}?patient=${rec?.patient}`);
      expect(list.results.map((r) => r.id)).not.toContain(rec?.id);
      expect((await apiGet(sb, token, `/api/${kind}/${rec?.id}`)).status).toBe(404);
    }
    expect(() => practice.removeMedication(med?.id as number)).toThrow(/no medication/);
  });
});
