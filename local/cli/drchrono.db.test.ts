import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDrChronoSandbox, type DrChronoSandbox } from '../drchrono-sandbox/index.js';
import { spawnCli } from '../../test/support/spawn-cli.js';
import { openTestDb, testDatabaseUrl, uniquePharmacyId } from '../../test/support/test-db.js';

let sandbox: DrChronoSandbox;
let secretsDir: string;
const handle = openTestDb(2);

beforeAll(async () => {
  sandbox = await startDrChronoSandbox({ port: 0 });
  secretsDir = await mkdtemp(join(tmpdir(), 'rxbridge-drchrono-cli-'));
});

afterAll(async () => {
  await sandbox.close();
  await handle.close();
  await rm(secretsDir, { recursive: true, force: true });
});

function run(args: string[]) {
  return spawnCli('drchrono', args, {
    env: { DATABASE_URL: testDatabaseUrl(), SECRETS_DIR: secretsDir, DRCHRONO_CLIENT_SECRET: sandbox.oauth.clientSecret, LOG_LEVEL: 'silent' },
  });
}

describe('npm run drchrono', () => {
  it('connects a practice with a code from the environment secret, then syncs it', async () => {
    const id = uniquePharmacyId('pr_cli');
    sandbox.addPractice({ id, seed: 4, doctors: 2, offices: 1, patients: 2 });
    const connect = run(['connect', id, '--name', 'CLI Clinic', '--client-id', sandbox.oauth.clientId, '--code', sandbox.oauth.issueCode(id), '--base-url', sandbox.url]);
    expect((await connect.exited).code).toBe(0);
    expect(connect.lines.join('\n')).toMatch(new RegExp(`connected ${id} .*2 doctors and 1 offices routed`));
    expect(connect.lines.join('\n') + connect.stderr()).not.toContain(sandbox.oauth.clientSecret);
    const row = await handle.db.selectFrom('practices').select('status').where('id', '=', id).executeTakeFirst();
    expect(row?.status).toBe('active');

    const sync = run(['sync', id]);
    const { code } = await sync.exited;
    expect(sync.stderr()).toBe('');
    expect(code).toBe(0);
    expect(sync.lines.join('\n')).toContain(id);
  });

  it('prints one clear line and exits 1 for a refused code', async () => {
    const id = uniquePharmacyId('pr_cli');
    sandbox.addPractice({ id, seed: 4, doctors: 1, offices: 1, patients: 0 });
    const connect = run(['connect', id, '--name', 'CLI Clinic', '--client-id', sandbox.oauth.clientId, '--code', 'made-up-code', '--base-url', sandbox.url]);
    expect((await connect.exited).code).toBe(1);
    expect(connect.stderr()).toMatch(/^error: DrChrono refused the authorization code/);
    expect(connect.stderr()).not.toContain('made-up-code');
  });

  it('asks for exactly one of --code or --refresh-token', async () => {
    const connect = run(['connect', 'pr_x', '--name', 'X', '--client-id', 'c']);
    expect((await connect.exited).code).toBe(1);
    expect(connect.stderr()).toContain('give exactly one of --code or --refresh-token');
  });
});
