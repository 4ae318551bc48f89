import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { AppError } from '../errors/app-error.js';
import { DRCHRONO_CLIENT_SECRET_NAME, drchronoTokensSecretName, readTokens } from '../drchrono/token-secrets.js';
import { flakyOnWrite } from '../secrets/flaky-secret-store.testkit.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { connectPractice } from './connect-practice.js';
import { startDrChronoFixture, type DrChronoFixture } from './drchrono-sandbox-fixture.testkit.js';

let f: DrChronoFixture;

beforeAll(async () => {
  f = await startDrChronoFixture();
});

afterAll(async () => {
  await f.close();
});

async function caught(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('connectPractice', () => {
  it('exchanges a code, stores the tokens in the secret store, and routes every doctor and office of the practice', async () => {
    const result = await f.connect({ doctors: 3, offices: 2 });
    const data = f.sandbox.practice(result.practiceId).data;
    expect(result).toEqual({ practiceId: result.practiceId, created: true, doctors: 3, offices: 2, user: { id: String(data.user.id) } });

    const routes = await f.handle.db.selectFrom('practice_routes').selectAll().where('practice_id', '=', result.practiceId).orderBy('kind').orderBy('drchrono_id').execute();
    expect(routes.filter((r) => r.kind === 'doctor').map((r) => r.drchrono_id).sort()).toEqual(data.doctors.map((d) => String(d.id)).sort());
    expect(routes.filter((r) => r.kind === 'office').map((r) => r.drchrono_id).sort()).toEqual(data.offices.map((o) => String(o.id)).sort());

    const practice = await f.handle.db.selectFrom('practices').selectAll().where('id', '=', result.practiceId).executeTakeFirstOrThrow();
    expect(practice).toMatchObject({ status: 'active', base_url: f.sandbox.url, token_secret_ref: drchronoTokensSecretName(result.practiceId), client_secret_ref: DRCHRONO_CLIENT_SECRET_NAME });
    const tokens = await readTokens(f.secrets, practice.token_secret_ref);
    expect(practice.access_token_expires_at?.toISOString()).toBe(tokens?.expires_at);
  });

  it('keeps no token, client secret or code in any table', async () => {
    const practiceId = uniquePharmacyId('pr_t');
    f.sandbox.addPractice({ id: practiceId, seed: 3, doctors: 1, offices: 1, patients: 1 });
    const code = f.sandbox.oauth.issueCode(practiceId);
    await connectPractice(f.deps, { practiceId, name: 'Secretless', clientId: f.sandbox.oauth.clientId, clientSecret: f.sandbox.oauth.clientSecret, code, baseUrl: f.sandbox.url });
    const tokens = await readTokens(f.secrets, drchronoTokensSecretName(practiceId));
    if (!tokens) throw new Error('no tokens stored');
    const secrets = [tokens.access_token, tokens.refresh_token, f.sandbox.oauth.clientSecret, code];

    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(f.handle.db);
    for (const { table_name } of tables.rows) {
      const dump = await sql<{ t: string }>`select t::text as t from ${sql.table(table_name)} t`.execute(f.handle.db);
      const text = dump.rows.map((r) => r.t).join('\n');
      for (const s of secrets) expect(text.includes(s), `a secret in ${table_name}`).toBe(false);
    }
  });

  it('reconnecting with a refresh token updates the practice (created false) and rotates the stored tokens', async () => {
    const first = await f.connect();
    const before = await readTokens(f.secrets, drchronoTokensSecretName(first.practiceId));
    const again = await connectPractice(f.deps, {
      practiceId: first.practiceId,
      name: 'Renamed Clinic',
      clientId: f.sandbox.oauth.clientId,
      clientSecret: f.sandbox.oauth.clientSecret,
      refreshToken: before?.refresh_token,
    });
    expect(again).toMatchObject({ practiceId: first.practiceId, created: false, doctors: first.doctors, offices: first.offices });
    const after = await readTokens(f.secrets, drchronoTokensSecretName(first.practiceId));
    expect(after?.refresh_token).not.toBe(before?.refresh_token);
    const row = await f.handle.db.selectFrom('practices').select(['name', 'base_url']).where('id', '=', first.practiceId).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Renamed Clinic', base_url: f.sandbox.url });
  });

  it('keeps trying when the secret store briefly refuses the tokens: the code is already spent', async () => {
    const practiceId = uniquePharmacyId('pr_t');
    f.sandbox.addPractice({ id: practiceId, seed: 2, doctors: 1, offices: 1, patients: 0 });
    const ref = drchronoTokensSecretName(practiceId);
    const deps = { ...f.deps, secrets: flakyOnWrite(f.secrets, ref, 1) };
    const input = { practiceId, name: 'Flaky', clientId: f.sandbox.oauth.clientId, clientSecret: f.sandbox.oauth.clientSecret, code: f.sandbox.oauth.issueCode(practiceId), baseUrl: f.sandbox.url };
    expect(await connectPractice(deps, input)).toMatchObject({ practiceId, created: true });
    expect(await readTokens(f.secrets, ref)).not.toBeNull();
  });

  it('refuses a bad authorization code with a 400 that names it, storing nothing', async () => {
    const practiceId = uniquePharmacyId('pr_t');
    f.sandbox.addPractice({ id: practiceId, seed: 1, doctors: 1, offices: 1, patients: 0 });
    const err = await caught(connectPractice(f.deps, { practiceId, name: 'Bad', clientId: f.sandbox.oauth.clientId, clientSecret: f.sandbox.oauth.clientSecret, code: 'not-a-real-code', baseUrl: f.sandbox.url }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('drchrono_unauthorized');
    expect(err.message).toMatch(/authorization code .*invalid_grant/);
    expect(err.message).not.toContain('not-a-real-code');
    expect(await f.secrets.get(drchronoTokensSecretName(practiceId))).toBeNull();
    expect(await f.handle.db.selectFrom('practices').select('id').where('id', '=', practiceId).executeTakeFirst()).toBeUndefined();
  });

  it('names a wrong client secret as the problem', async () => {
    const practiceId = uniquePharmacyId('pr_t');
    f.sandbox.addPractice({ id: practiceId, seed: 1, doctors: 1, offices: 1, patients: 0 });
    const err = await caught(connectPractice(f.deps, { practiceId, name: 'Bad', clientId: f.sandbox.oauth.clientId, clientSecret: 'wrong-secret', code: f.sandbox.oauth.issueCode(practiceId), baseUrl: f.sandbox.url }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/client id or client secret .*invalid_client/);
  });

  it('asks for exactly one of code or refresh token, naming fields and not values', async () => {
    const err = await caught(connectPractice(f.deps, { practiceId: 'Bad Id', name: 'x', clientId: 'c', clientSecret: 's3cr3t', code: 'a', refreshToken: 'b' }));
    expect(err.status).toBe(400);
    expect(err.message).toContain('practiceId: must be lowercase');
    expect(err.message).toContain('code: give exactly one of code or refreshToken');
    expect(err.message).not.toContain('s3cr3t');
  });
});
