import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

const base = { DATABASE_URL: 'postgres://u@localhost/db' };

describe('loadConfig', () => {
  it('fills defaults for everything optional', () => {
    const c = loadConfig(base);
    expect(c.DRX_REQUESTS_PER_SECOND).toBe(1);
    expect(c.SYNC_INTERVAL_MINUTES).toBe(15);
    expect(c.DRX_PAGE_SIZE).toBe(100);
    expect(c.ADMIN_PRINCIPALS).toEqual([]);
    expect(c.WEBHOOKS_ENABLED).toBe(true);
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ ...base, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ...base, ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ ...base, DRX_PAGE_SIZE: '500' }, 'DRX_PAGE_SIZE'],
    [{ ...base, SYNC_INTERVAL_MINUTES: 'soon' }, 'SYNC_INTERVAL_MINUTES'],
    [{ ...base, PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ ...base, RETENTION_DAYS_RAW_WEBHOOKS: '3651' }, 'RETENTION_DAYS_RAW_WEBHOOKS'],
  ])('rejects %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('parses comma lists and ignores empty values', () => {
    const c = loadConfig({ ...base, ADMIN_PRINCIPALS: 'a@x.iam, b@y.com ,', LOG_LEVEL: '' });
    expect(c.ADMIN_PRINCIPALS).toEqual(['a@x.iam', 'b@y.com']);
    expect(c.LOG_LEVEL).toBe('info');
  });
});
