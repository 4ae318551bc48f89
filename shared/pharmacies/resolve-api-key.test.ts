import { describe, expect, it } from 'vitest';
import { apiKeyEnvName, resolveApiKey } from './resolve-api-key.js';

const KEY = `DRX${'ab'.repeat(16)}`;

describe('resolveApiKey', () => {
  it.each([
    ['ph_demo_1', 'DRX_API_KEY_PH_DEMO_1'],
    ['main-street.2', 'DRX_API_KEY_MAIN_STREET_2'],
  ])('names the environment variable of %s %s', (id, name) => {
    expect(apiKeyEnvName(id)).toBe(name);
  });

  it('prefers the flag over stdin and the environment', () => {
    expect(resolveApiKey('ph_1', { flag: KEY, stdin: 'other', env: { DRX_API_KEY_PH_1: 'env' } })).toEqual({ key: KEY, from: 'flag' });
  });

  it('reads stdin (trimmed) when there is no flag', () => {
    expect(resolveApiKey('ph_1', { stdin: `${KEY}\n`, env: { DRX_API_KEY_PH_1: 'env' } })).toEqual({ key: KEY, from: 'stdin' });
  });

  it('falls back to the environment variable', () => {
    expect(resolveApiKey('ph-1', { stdin: '  \n', env: { DRX_API_KEY_PH_1: KEY } })).toEqual({ key: KEY, from: 'env' });
  });

  it('gives nothing when no source has a key', () => {
    expect(resolveApiKey('ph_1', { env: {} })).toBeUndefined();
  });
});
