// Test-only: a secret store whose writes of one name fail a few times, the way Secret Manager does when briefly unavailable.
import type { SecretStore } from './secret-store.js';

/** `inner`, except that the next `failures` writes of `name` throw a gRPC UNAVAILABLE. */
export function flakyOnWrite(inner: SecretStore, name: string, failures: number): SecretStore {
  let left = failures;
  return {
    get: (n) => inner.get(n),
    async put(n, value) {
      if (n === name && left > 0) {
        left--;
        throw Object.assign(new Error('14 UNAVAILABLE: connection reset'), { code: 14 });
      }
      await inner.put(n, value);
    },
  };
}
