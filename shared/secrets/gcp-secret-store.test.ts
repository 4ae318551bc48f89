import { describe, expect, it } from 'vitest';
import { latestVersionName, secretResourceName } from './gcp-secret-store.js';

describe('Secret Manager names', () => {
  it('builds the secret and latest-version resource names', () => {
    expect(secretResourceName('proj-1', 'drx-api-key-ph_1')).toBe('projects/proj-1/secrets/drx-api-key-ph_1');
    expect(latestVersionName('proj-1', 'drx-api-key-ph_1')).toBe('projects/proj-1/secrets/drx-api-key-ph_1/versions/latest');
  });

  it('refuses a name that would change the resource path', () => {
    expect(() => secretResourceName('proj-1', 'x/versions/1')).toThrow(/secret name/);
  });
});
