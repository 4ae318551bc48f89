import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startDrxSandbox } from '../../local/drx-sandbox/index.js';
import type { PharmacyListing } from '../../shared/db/list-pharmacies.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { ADMIN_JSON as admin, useFunctionServer, useStartedForFile } from '../function-server.testkit.js';
import './index.js';

const fn = useFunctionServer('pharmacies');
const sandbox = useStartedForFile(() => startDrxSandbox({ port: 0 }));

function store(): { id: string; apiKey: string; baseUrl: string } {
  const id = uniquePharmacyId();
  const apiKey = `DRX${randomBytes(16).toString('hex')}`;
  sandbox().addStore({ slug: id, apiKey, seed: 2, doctors: 1, prescriptions: 0 });
  return { id, apiKey, baseUrl: sandbox().baseUrlFor(id) };
}

describe('pharmacies', () => {
  it('adds a pharmacy with 201, updates it with 200, and lists it with a key hint only', async () => {
    const s = store();
    const body = { id: s.id, name: 'Corner Rx', drxBaseUrl: s.baseUrl, apiKey: s.apiKey };
    const created = await fn.post('/pharmacies', JSON.stringify(body));
    expect(created.status).toBe(201);
    const createdBody = await created.text();
    expect(JSON.parse(createdBody)).toMatchObject({ pharmacyId: s.id, created: true, keyHint: `****${s.apiKey.slice(-4)}` });
    expect(createdBody).not.toContain(s.apiKey);

    const updated = await fn.post('/', JSON.stringify({ ...body, name: 'Corner Rx 2' }));
    expect(updated.status).toBe(200);

    const list = await fetch(`${fn.url}/`, { headers: admin });
    const text = await list.text();
    expect(text).not.toContain(s.apiKey);
    const mine = (JSON.parse(text) as { pharmacies: PharmacyListing[] }).pharmacies.find((p) => p.id === s.id);
    expect(mine).toMatchObject({ name: 'Corner Rx 2', enabled: true, drx: { status: 'active', keyHint: `****${s.apiKey.slice(-4)}`, lastSuccessAt: null } });
  });

  it('refuses a key DRX rejects with 400 invalid_drx_key', async () => {
    const s = store();
    const res = await fn.post('/', JSON.stringify({ id: s.id, name: 'Bad', drxBaseUrl: s.baseUrl, apiKey: `DRX${'0'.repeat(32)}` }));
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('invalid_drx_key');
    expect(error.message).toMatch(/DRX refused the key \(401\)/);
  });

  it('names the bad fields of a body', async () => {
    const res = await fn.post('/', JSON.stringify({ id: 'Bad Id', apiKey: 'nope' }));
    expect(res.status).toBe(400);
    const message = ((await res.json()) as { error: { message: string } }).error.message;
    expect(message).toContain('id: must be lowercase');
    expect(message).toContain('name: required');
    expect(message).toContain("apiKey: must be 'DRX' followed by 32 hex characters");
  });

  it('answers 401 to a listing without the admin token', async () => {
    expect((await fetch(`${fn.url}/`)).status).toBe(401);
  });
});
