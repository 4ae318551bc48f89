/** The environment the CLIs validate: DATABASE_URL, or the database of a running `npm start`. */
import { join } from 'node:path';
import { DATA_DIR } from '../start/repo-paths.js';
import { readRunningStack } from '../start/stack-file.js';

type Env = Record<string, string | undefined>;

/** Thrown when there is no database to talk to; the message says what to do. */
export class NoDatabaseError extends Error {
  constructor() {
    super('DATABASE_URL is not set and no `npm start` is running: start the local stack with `npm start` (in another terminal), or set DATABASE_URL=postgres://…');
    this.name = 'NoDatabaseError';
  }
}

/** DATABASE_URL from the environment, else the running local stack's; secrets in the stack's `.data/secrets`. */
export async function cliEnv(env: Env = process.env, dataDir: string = DATA_DIR): Promise<Env> {
  const out: Env = { ...env };
  // Relative SECRETS_DIR would depend on the shell's folder; the stack's is under the repo root.
  if (!out.SECRETS_DIR) out.SECRETS_DIR = join(dataDir, 'secrets');
  if (out.DATABASE_URL) return out;
  const stack = await readRunningStack(dataDir);
  if (!stack) throw new NoDatabaseError();
  out.DATABASE_URL = stack.databaseUrl;
  out.PUBLIC_BASE_URL ??= stack.publicBaseUrl;
  return out;
}
