import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startDrxSandbox } from '../../local/drx-sandbox/index.js';
import { addPharmacy } from '../../shared/pharmacies/add-pharmacy.js';
import { onboardingDeps } from '../../shared/pharmacies/onboarding-deps.js';
import type { SyncSummary } from '../../shared/sync/sync-summary.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { ADMIN_AUTH as admin, TEST_ADMIN_TOKEN, useFunctionServer, useStartedForFile } from '../function-server.testkit.js';
import './index.js';

const fn = useFunctionServer('syncNow');
const sandbox = useStartedForFile(() => startDrxSandbox({ port: 0 }));

function post(body: string, headers: Record<string, string> = admin, contentType = 'application/json'): Promise<Response> {
  return fn.post('/', body, { 'content-type': contentType, ...headers });
}

async function errorOf(res: Response): Promise<{ code: string; message: string } & Record<string, unknown>> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('syncNow', () => {
  it('answers 401 without credentials and with a wrong token', async () => {
    const none = await post('{"pharmacyId":"x"}', {});
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe('unauthorized');
    const wrong = await post('{"pharmacyId":"x"}', { authorization: `Bearer ${'z'.repeat(40)}` });
    expect(wrong.status).toBe(401);
  });

  it('answers 400 bad_json for a body that does not parse', async () => {
    const res = await post('{"pharmacyId":', admin, 'text/plain');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'bad_json', message: 'body is not valid JSON' });
  });

  it('answers 400 naming a missing field, a wrong type and unknown fields', async () => {
    const missing = await post('{"full":true}');
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ code: 'invalid_body', message: 'pharmacyId: required' });
    const wrong = await post('{"pharmacyId":"x","full":"yes","fast":1}');
    expect((await errorOf(wrong)).message).toBe('full: expected boolean; (body): unknown field fast');
  });

  it('answers 405 to anything but POST', async () => {
    const res = await fetch(`${fn.url}/`, { headers: admin });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers 404 for an unknown pharmacy', async () => {
    const res = await post(JSON.stringify({ pharmacyId: uniquePharmacyId() }));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown_pharmacy');
  });

  it('runs the sync and answers its summary', async () => {
    const id = uniquePharmacyId();
    const apiKey = `DRX${randomBytes(16).toString('hex')}`;
    sandbox().addStore({ slug: id, apiKey, seed: 3, doctors: 4, prescriptions: 12, invalidPrescriptions: 1 });
    await addPharmacy(onboardingDeps(fn.rt), { id, name: 'Sync', drxBaseUrl: sandbox().baseUrlFor(id), apiKey, requestsPerSecond: 0 });

    const res = await post(JSON.stringify({ pharmacyId: id }), { 'x-admin-token': TEST_ADMIN_TOKEN });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as SyncSummary;
    expect(summary).toMatchObject({ pharmacyId: id, kind: 'manual', full: false, newPrescriptions: 12 });
    expect(summary.streams.prescriptions.invalid).toBe(1);
  });
});
