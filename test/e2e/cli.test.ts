import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniquePharmacyId } from '../support/test-db.js';
import { randomDrxKey, startTestStack, storeOptions, type TestStack } from '../support/local-stack.js';
import { spawnCli } from '../support/spawn-cli.js';
import { validSandboxIds } from '../support/sandbox-valid.js';
import { apiKeyEnvName } from '../../shared/pharmacies/resolve-api-key.js';

const id = uniquePharmacyId('ph_e2e_cli');
let stack: TestStack;
let env: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack({ stores: [storeOptions(id, { seed: 5, doctors: 6, prescriptions: 250 })] });
  env = { DATABASE_URL: stack.databaseUrl, SECRETS_BACKEND: 'file', SECRETS_DIR: stack.secretsDir, LOG_LEVEL: 'silent', DRX_REQUESTS_PER_SECOND: '50' };
});
afterAll(() => stack.close());

async function cli(name: string, args: string[], extra: { input?: string; env?: Record<string, string> } = {}) {
  const run = spawnCli(name, args, { env: { ...env, ...extra.env }, input: extra.input });
  const { code } = await run.exited;
  return { code, out: run.lines.join('\n'), err: run.stderr() };
}

describe('command-line tools', () => {
  it('npm run migrate reports the migrations as already applied', async () => {
    const r = await cli('migrate', []);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/0 applied, \d+ already applied/);
  });

  it('pharmacy add with a key DRX refuses exits 1 with a clear message and never prints the key', async () => {
    const bad = randomDrxKey();
    const r = await cli('pharmacy', ['add', id, '--name', 'CLI Pharmacy', '--drx-base-url', stack.sandbox.baseUrlFor(id)], { env: { [apiKeyEnvName(id)]: bad } });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*key/m);
    expect(r.out + r.err).not.toContain(bad);
  });

  it('pharmacy add without any key says where a key can come from', async () => {
    const r = await cli('pharmacy', ['add', id, '--name', 'CLI Pharmacy']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(apiKeyEnvName(id));
  });

  it('pharmacy add reads the key from stdin, stores it and prints it masked; list shows it masked', async () => {
    const key = stack.store(id).apiKey;
    const r = await cli('pharmacy', ['add', id, '--name', 'CLI Pharmacy', '--drx-base-url', stack.sandbox.baseUrlFor(id)], { input: `${key}\n` });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`added ${id}`);
    expect(r.out).toContain(`****${key.slice(-4)}`);
    expect(r.out).toContain('from stdin');
    expect(r.out + r.err).not.toContain(key);

    const list = await cli('pharmacy', ['list']);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toContain(id);
    expect(list.out).toContain(`****${key.slice(-4)}`);
    expect(list.out).not.toContain(key);
  });

  it('sync prints a line per page and the summary, and exits 0 when it succeeded', async () => {
    const r = await cli('sync', [id, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^prescriptions page 1: offset 0\/250, \+100 new, 0 updated, 0 unchanged$/m);
    expect(r.out).toMatch(/^prescriptions page 3: offset 200\/250, \+50 new/m);
    const json = JSON.parse(r.out.slice(r.out.indexOf('{'))) as { status: string; streams: { prescriptions: { created: number } } };
    expect(json.status).toBe('succeeded');
    expect(json.streams.prescriptions.created).toBe(validSandboxIds(stack.store(id)).prescriptions.length);
  });

  it('sync exits 2 when prescriptions fail after doctors succeeded (a partial run)', async () => {
    stack.store(id).setFaults({ failNext: [{ path: '/prescriptions', status: 503, times: 1_000 }] });
    try {
      const r = await cli('sync', [id, '--full'], { env: { DRX_MAX_ATTEMPTS: '1', DRX_MAX_RETRY_MS: '500' } });
      expect(r.code, r.out + r.err).toBe(2);
      expect(r.out).toMatch(/^doctors page 1: /m);
      expect(r.out).toMatch(/^prescriptions: failed: /m);
    } finally {
      stack.store(id).setFaults({});
    }
  });

  it('sync of an unknown pharmacy exits 1 naming it', async () => {
    const r = await cli('sync', ['ph_nobody_here']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown pharmacy ph_nobody_here');
  });
});
