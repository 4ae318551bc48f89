/** The environment `npm start` validates: the user's settings, with laptop defaults where unset. */
import { join } from 'node:path';

export interface LocalEnvInputs {
  databaseUrl: string;
  adminToken: string;
  dataDir: string;
  publicBaseUrl: string;
}

type Env = Record<string, string | undefined>;

/** Local defaults for settings the user left unset; the database, token and public URL are always ours. */
export function buildLocalEnv(env: Env, inputs: LocalEnvInputs): Env {
  const defaults: Env = {
    SECRETS_BACKEND: 'file',
    SECRETS_DIR: join(inputs.dataDir, 'secrets'),
    PUBSUB_BACKEND: 'local',
    // Keep the console readable; LOG_LEVEL=info shows every structured line.
    LOG_LEVEL: 'warn',
  };
  const set = (v: string | undefined) => v !== undefined && v !== '';
  const merged: Env = { ...env };
  for (const [k, v] of Object.entries(defaults)) if (!set(merged[k])) merged[k] = v;
  return {
    ...merged,
    DATABASE_URL: inputs.databaseUrl,
    ADMIN_TOKEN: inputs.adminToken,
    PUBLIC_BASE_URL: inputs.publicBaseUrl,
  };
}
