/** Secrets as files in a git-ignored folder: the local stand-in for Secret Manager. */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SecretStore } from './secret-store.js';
import { checkedSecretName } from './secret-name.js';

/** One file per secret under `dir` (mode 0600, folder 0700); names are validated so none escapes `dir`. */
export function createFileSecretStore(dir = '.data/secrets'): SecretStore {
  return {
    async get(name) {
      try {
        return await readFile(join(dir, checkedSecretName(name)), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async put(name, value) {
      const file = join(dir, checkedSecretName(name));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      // Write-then-rename: a reader never sees a half-written secret.
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, value, { mode: 0o600 });
      await rename(temp, file);
    },
  };
}
