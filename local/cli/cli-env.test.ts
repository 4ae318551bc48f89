import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStackFile } from '../start/stack-file.js';
import { cliEnv } from './cli-env.js';

describe('CLI database resolution', () => {
  it('uses DATABASE_URL when set and puts secrets in the data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rxb-cli-'));
    const env = await cliEnv({ DATABASE_URL: 'postgres://u@h/db' }, dir);
    expect(env.DATABASE_URL).toBe('postgres://u@h/db');
    expect(env.SECRETS_DIR).toBe(join(dir, 'secrets'));
  });

  it('tells the user to run npm start or set DATABASE_URL when neither is there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rxb-cli-'));
    await expect(cliEnv({}, dir)).rejects.toThrow(/npm start.*DATABASE_URL/);
  });

  it("falls back to a running npm start's database and public URL", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rxb-cli-'));
    await writeStackFile(dir, { pid: process.pid, databaseUrl: 'postgres://p@127.0.0.1:54329/rxbridge', publicBaseUrl: 'http://127.0.0.1:8080' });
    const env = await cliEnv({}, dir);
    expect(env.DATABASE_URL).toBe('postgres://p@127.0.0.1:54329/rxbridge');
    expect(env.PUBLIC_BASE_URL).toBe('http://127.0.0.1:8080');
  });

  it('ignores a stack file left by a process that is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rxb-cli-'));
    await writeStackFile(dir, { pid: 2_147_483_000, databaseUrl: 'postgres://p@127.0.0.1:54329/rxbridge', publicBaseUrl: 'http://127.0.0.1:8080' });
    await expect(cliEnv({}, dir)).rejects.toThrow(/npm start/);
  });
});
