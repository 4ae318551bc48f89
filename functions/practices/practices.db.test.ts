import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrChronoSandbox, type DrChronoSandbox } from '../../local/drchrono-sandbox/index.js';
import type { PracticeListing } from '../../shared/practices/list-practices.js';
import { setRuntimeForTests } from '../../shared/runtime/lazy-runtime.js';
import { createTestRuntime, serveFunction, TEST_ADMIN_TOKEN, type ServedFunction, type TestRuntime } from '../../shared/runtime/test-runtime.testkit.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import './index.js';

let sandbox: DrChronoSandbox;
let fn: ServedFunction;
let t: TestRuntime;

beforeAll(async () => {
  sandbox = await startDrChronoSandbox({ port: 0 });
  fn = await serveFunction('practices');
  t = await createTestRuntime();
  setRuntimeForTests(t.rt);
});

afterAll(async () => {
  setRuntimeForTests(undefined);
  await sandbox.close();
  await fn.close();
  await t.close();
});

const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

function practice(): { practiceId: string; name: string; clientId: string; clientSecret: string; baseUrl: string } {
  const practiceId = uniquePharmacyId('pr_t');
  sandbox.addPractice({ id: practiceId, seed: 5, doctors: 2, offices: 1, patients: 1 });
  return { practiceId, name: 'Oak Clinic', clientId: sandbox.oauth.clientId, clientSecret: sandbox.oauth.clientSecret, baseUrl: sandbox.url };
}

describe('practices', () => {
  it('connects a practice with 201, reconnects with 200, and lists it without any secret', async () => {
    const p = practice();
    const code = sandbox.oauth.issueCode(p.practiceId);
    const created = await fetch(`${fn.url}/practices`, { method: 'POST', headers: admin, body: JSON.stringify({ ...p, code }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ practiceId: p.practiceId, created: true, doctors: 2, offices: 1 });

    const again = await fetch(`${fn.url}/`, { method: 'POST', headers: admin, body: JSON.stringify({ ...p, name: 'Oak Clinic 2', code: sandbox.oauth.issueCode(p.practiceId) }) });
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
    const res = await fetch(`${fn.url}/`, { method: 'POST', headers: admin, body: JSON.stringify({ ...p, code: 'used-or-made-up' }) });
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('drchrono_unauthorized');
    expect(error.message).toMatch(/authorization code/);
  });

  it('answers 400 naming the bad fields of a body', async () => {
    const res = await fetch(`${fn.url}/`, { method: 'POST', headers: admin, body: JSON.stringify({ practiceId: 'Bad Id', clientSecret: 'hush-hush' }) });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('practiceId: must be lowercase');
    expect(text).toContain('clientId: required');
    expect(text).not.toContain('hush-hush');
  });

  it('answers 401 without the admin token, to a listing and to a connect', async () => {
    expect((await fetch(`${fn.url}/`)).status).toBe(401);
    const res = await fetch(`${fn.url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...practice(), code: 'x' }) });
    expect(res.status).toBe(401);
  });
});
