/**
 * Webhook secrets read through a short per-instance cache: every delivery needs
 * one, and a Secret Manager call per request would dominate ingest latency. A
 * rotated secret takes effect within SECRET_CACHE_MS; an unset one is never cached.
 */
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';

/** How long a secret value is reused before it is read again (1 minute). */
export const SECRET_CACHE_MS = 60_000;

const caches = new WeakMap<SecretStore, Map<string, { value: string; readAt: number }>>();

/** The secret `name` from `secrets`, at most SECRET_CACHE_MS old; null when it is not set. */
export async function readSecretCached(secrets: SecretStore, name: string, clock: Clock): Promise<string | null> {
  let cache = caches.get(secrets);
  if (!cache) {
    cache = new Map();
    caches.set(secrets, cache);
  }
  const now = clock.now().getTime();
  const hit = cache.get(name);
  if (hit && now - hit.readAt < SECRET_CACHE_MS) return hit.value;
  const value = await secrets.get(name);
  if (value) cache.set(name, { value, readAt: now });
  else cache.delete(name);
  return value;
}
