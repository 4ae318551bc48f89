import { describe, expect, it } from 'vitest';
import { startDrChronoSandbox } from '../../local/drchrono-sandbox/index.js';
import type { PracticeListing } from '../../shared/practices/list-practices.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { ADMIN_JSON as admin, useFunctionServer, useStartedForFile } from '../function-server.testkit.js';
import './index.js';

const fn = useFunctionServer('practices');
const sandbox = useStartedForFile(() => startDrChronoSandbox({ port: 0 }));

function practice(): { practiceId: string; name: string; clientId: string; clientSecret: string; baseUrl: string } {
  const practiceId = uniquePharmacyId('pr_t');
  sandbox().addPractice({ id: practiceId, seed: 5, doctors: 2, offices: 1, patients: 1 });
  return { practiceId, name: 'Oak Clinic', clientId: sandbox().oauth.clientId, clientSecret: sandbox().oauth.clientSecret, baseUrl: sandbox().url };
}

describe('practices', () => {
  it('connects a practice with 201, reconnects with 200, and lists it without any secret', async () => {
    const p = practice();
    const code = sandbox().oauth.issueCode(p.practiceId);
    const created = await fn.post('/practices', JSON.stringify({ ...p, code }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ practiceId: p.practiceId, created: true, doctors: 2, offices: 1 });

    const again = await fn.post('/', JSON.stringify({ ...p, name: 'Oak Clinic 2', code: sandbox().oauth.issueCode(p.practiceId) }));
    expect(again.status).toBe(200);

    const list = await fetch(`${fn.url}/`, { headers: admin });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(p.clientSecret);
    const mine = (JSON.parse(text) as { practices: PracticeListing[] }).practices.find((x) => x.id === p.practiceId);
    expect(mine).toMatchObject({ name: 'Oak Clinic 2', status: 'active', lastSuccessAt: null, routes: { doctors: 2, offices: 1 } });
    expect(mine?.accessTokenExpiresAt).toMatch(/^\d{4}-/);
  });

  it('answers 400 naming a refused authorization code', async () => {
    const p = practice();
    const res = await fn.post('/', JSON.stringify({ ...p, code: 'used-or-made-up' }));
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('drchrono_unauthorized');
    expect(error.message).toMatch(/authorization code/);
  });

  it('answers 400 naming the bad fields of a body', async () => {
    const res = await fn.post('/', JSON.stringify({ practiceId: 'Bad Id', clientSecret: 'hush-hush' }));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('practiceId: must be lowercase');
    expect(text).toContain('clientId: required');
    expect(text).not.toContain('hush-hush');
  });

  it('answers 401 without the admin token, to a listing and to a connect', async () => {
    expect((await fetch(`${fn.url}/`)).status).toBe(401);
    const res = await fn.post('/', JSON.stringify({ ...practice(), code: 'x' }), { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
  });
});
