import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSecretStore } from './file-secret-store.js';

const root = await mkdtemp(join(tmpdir(), 'rxbridge-secrets-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('createFileSecretStore', () => {
  it('returns null for a secret that was never stored', async () => {
    expect(await createFileSecretStore(join(root, 'a')).get('drx-api-key-none')).toBeNull();
  });

  it('stores a value in a private file in a private folder and reads back the latest', async () => {
    const dir = join(root, 'b', 'secrets');
    const store = createFileSecretStore(dir);
    await store.put('drx-api-key-ph_1', 'first');
    await store.put('drx-api-key-ph_1', 'second');
    expect(await store.get('drx-api-key-ph_1')).toBe('second');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'drx-api-key-ph_1'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['drx-api-key-ph_1']);
  });

  it.each(['../escape', 'a/b', '', 'name with space', '..'])('refuses the name %j', async (name) => {
    const store = createFileSecretStore(join(root, 'c'));
    await expect(store.put(name, 'v')).rejects.toThrow(/secret name/);
    await expect(store.get(name)).rejects.toThrow(/secret name/);
  });
});
