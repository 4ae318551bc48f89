import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../secrets/secret-store.js';
import { ManualClock } from '../time/clock.js';
import { readSecretCached, SECRET_CACHE_MS } from './cached-secret.js';

/** An in-memory store that counts reads (the cloud edge's stand-in). */
function countingStore(initial: Record<string, string>): SecretStore & { reads: number } {
  const values = new Map(Object.entries(initial));
  const store = {
    reads: 0,
    async get(name: string) {
      store.reads += 1;
      return values.get(name) ?? null;
    },
    async put(name: string, value: string) {
      values.set(name, value);
    },
  };
  return store;
}

describe('readSecretCached', () => {
  it('reuses a value within the cache window and reads a rotated one after it', async () => {
    const clock = new ManualClock();
    const store = countingStore({ s: 'one' });
    expect(await readSecretCached(store, 's', clock)).toBe('one');
    await store.put('s', 'two');
    clock.advance(SECRET_CACHE_MS - 1);
    expect(await readSecretCached(store, 's', clock)).toBe('one');
    expect(store.reads).toBe(1);
    clock.advance(1);
    expect(await readSecretCached(store, 's', clock)).toBe('two');
    expect(store.reads).toBe(2);
  });

  it('does not cache a missing secret, so setting it takes effect at once', async () => {
    const clock = new ManualClock();
    const store = countingStore({});
    expect(await readSecretCached(store, 's', clock)).toBeNull();
    await store.put('s', 'now-set');
    expect(await readSecretCached(store, 's', clock)).toBe('now-set');
  });
});
