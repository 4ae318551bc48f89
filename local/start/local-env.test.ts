import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load-config.js';
import { buildLocalEnv } from './local-env.js';

const inputs = {
  databaseUrl: 'postgres://postgres:postgres@127.0.0.1:54329/rxbridge',
  adminToken: 'a'.repeat(64),
  dataDir: '/repo/.data',
  publicBaseUrl: 'http://127.0.0.1:8080',
};

describe('local environment', () => {
  it('fills laptop defaults that the config accepts', () => {
    const config = loadConfig(buildLocalEnv({}, inputs));
    expect(config.SECRETS_BACKEND).toBe('file');
    expect(config.SECRETS_DIR).toBe('/repo/.data/secrets');
    expect(config.PUBSUB_BACKEND).toBe('local');
    expect(config.PUBLIC_BASE_URL).toBe('http://127.0.0.1:8080');
    expect(config.ADMIN_TOKEN).toBe(inputs.adminToken);
    expect(config.DATABASE_URL).toBe(inputs.databaseUrl);
  });

  it('keeps what the user set, treating empty values as unset', () => {
    const env = buildLocalEnv({ PUBSUB_BACKEND: 'none', LOG_LEVEL: '', SYNC_INTERVAL_MINUTES: '5' }, inputs);
    expect(env.PUBSUB_BACKEND).toBe('none');
    expect(env.LOG_LEVEL).toBe('warn');
    expect(loadConfig(env).SYNC_INTERVAL_MINUTES).toBe(5);
  });
});
