import { describe, expect, it } from 'vitest';
import { createGcpSecretStore, latestVersionName, secretResourceName, type SecretManagerApi } from './gcp-secret-store.js';

describe('Secret Manager names', () => {
  it('builds the secret and latest-version resource names', () => {
    expect(secretResourceName('proj-1', 'drx-api-key-ph_1')).toBe('projects/proj-1/secrets/drx-api-key-ph_1');
    expect(latestVersionName('proj-1', 'drx-api-key-ph_1')).toBe('projects/proj-1/secrets/drx-api-key-ph_1/versions/latest');
  });

  it('refuses a name that would change the resource path', () => {
    expect(() => secretResourceName('proj-1', 'x/versions/1')).toThrow(/secret name/);
  });
});

/** A Secret Manager stand-in with its permission model: this caller may add versions but not create secrets. */
function fakeSecretManager(opts: { canCreate: boolean; existing: string[] }) {
  const secrets = new Map<string, string[]>(opts.existing.map((n) => [n, []]));
  const calls: string[] = [];
  const err = (code: number) => Object.assign(new Error(`grpc ${code}`), { code });
  const api: SecretManagerApi = {
    async accessSecretVersion({ name }) {
      const versions = secrets.get(name.replace(/\/versions\/latest$/, ''));
      if (!versions?.length) throw err(5);
      return [{ payload: { data: Buffer.from(versions[versions.length - 1] ?? '') } }];
    },
    async createSecret({ parent, secretId }) {
      calls.push('create');
      if (!opts.canCreate) throw err(7);
      const name = `${parent}/secrets/${secretId}`;
      if (secrets.has(name)) throw err(6);
      secrets.set(name, []);
      return {};
    },
    async addSecretVersion({ parent, payload }) {
      calls.push('add');
      const versions = secrets.get(parent);
      if (!versions) throw err(5);
      versions.push(payload.data.toString('utf8'));
      return {};
    },
  };
  return { api, calls };
}

describe('createGcpSecretStore.put', () => {
  it('adds a version to an existing secret without asking to create it (rotation with add-version rights only)', async () => {
    const sm = fakeSecretManager({ canCreate: false, existing: ['projects/p/secrets/drchrono-tokens-pr_1'] });
    const store = createGcpSecretStore('p', sm.api);
    await store.put('drchrono-tokens-pr_1', 'v2');
    expect(sm.calls).toEqual(['add']);
    expect(await store.get('drchrono-tokens-pr_1')).toBe('v2');
  });

  it('creates a missing secret, then adds the version', async () => {
    const sm = fakeSecretManager({ canCreate: true, existing: [] });
    const store = createGcpSecretStore('p', sm.api);
    await store.put('drx-api-key-ph_1', 'DRXkey');
    expect(sm.calls).toEqual(['add', 'create', 'add']);
    expect(await store.get('drx-api-key-ph_1')).toBe('DRXkey');
    expect(await store.get('drx-api-key-ph_2')).toBeNull();
  });
});
