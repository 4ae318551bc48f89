/** The local admin token: generated once, kept in `.data/admin-token` (mode 0600) across restarts. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Reads the stored token, or generates 32 random bytes (hex) and stores them on first use. */
export async function loadOrCreateAdminToken(dataDir: string): Promise<string> {
  const file = join(dataDir, 'admin-token');
  const stored = await readFile(file, 'utf8').then(
    (t) => t.trim(),
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    },
  );
  if (stored.length >= 32) return stored;
  await mkdir(dataDir, { recursive: true });
  const token = randomBytes(32).toString('hex');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}
