import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateAdminToken } from './admin-token.js';

describe('local admin token', () => {
  it('is generated once as 64 hex characters in a file only the owner can read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rxb-token-'));
    const first = await loadOrCreateAdminToken(join(dir, '.data'));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(join(dir, '.data', 'admin-token'))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateAdminToken(join(dir, '.data'))).toBe(first);
  });

  it('replaces a stored token too short to be accepted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rxb-token-'));
    await writeFile(join(dir, 'admin-token'), 'short\n');
    const token = await loadOrCreateAdminToken(dir);
    expect(token).toHaveLength(64);
    expect((await readFile(join(dir, 'admin-token'), 'utf8')).trim()).toBe(token);
  });
});
