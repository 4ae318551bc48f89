import { describe, expect, it } from 'vitest';
import { insertQueueItem, queueState } from '../../shared/retry-queue/queue-item.testkit.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { ADMIN_AUTH, useFunctionServer } from '../function-server.testkit.js';
import './index.js';

const fn = useFunctionServer('retryWorker');


function post(body: unknown, headers: Record<string, string> = ADMIN_AUTH): Promise<Response> {
  return fn.post('/', JSON.stringify(body), { ...headers, 'content-type': 'application/json' });
}

describe('retryWorker', () => {
  it('answers 401 without admin credentials and claims nothing', async () => {
    expect((await post({}, {})).status).toBe(401);
    expect((await post({}, { 'x-admin-token': 'wrong' })).status).toBe(401);
  });

  it('answers 405 to a GET', async () => {
    expect((await fetch(`${fn.url}/`)).status).toBe(405);
  });

  it("drains a pharmacy's due DRX items through the DRX handler and answers the pass summary", async () => {
    const pharmacyId = uniquePharmacyId();
    await seedPharmacy(fn.rt.db, pharmacyId);
    // Due a minute ago (real clock); its record is invalid, so the DRX handler dead-letters it.
    const id = await insertQueueItem(fn.rt.db, {
      source: 'drx',
      kind: 'drx.Sold',
      pharmacyId,
      receivedAt: new Date(Date.now() - 60_000),
      payload: { id: 1, prescription_id: 2, status: 'Teleported' },
    });
    const res = await post({ pharmacyId });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ claimed: 1, succeeded: 0, failed: 0, dead: 1, released: 0, leaseLost: 0 });
    expect(await queueState(fn.rt.db, id)).toMatchObject({ status: 'dead', attempts: 1 });
    const logs = await fn.rt.db.selectFrom('integration_logs').selectAll().where('pharmacy_id', '=', pharmacyId).execute();
    expect(logs).toEqual([expect.objectContaining({ kind: 'retry', source: 'drx', status: 'failed', error_code: 'invalid_record' })]);
  });

  it('answers 400 to an unknown field', async () => {
    expect((await post({ limit: 0 })).status).toBe(400);
    expect((await post({ everything: true })).status).toBe(400);
  });
});
