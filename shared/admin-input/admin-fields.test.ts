import { describe, expect, it } from 'vitest';
import { addPharmacyInputSchema } from '../pharmacies/add-pharmacy-input.js';
import { connectPracticeInputSchema } from '../practices/connect-practice-input.js';
import { displayName, serviceBaseUrl } from './admin-fields.js';

describe('displayName', () => {
  it('trims and keeps ordinary names, including non-Latin ones', () => {
    expect(displayName.parse('  Oak Clinic  ')).toBe('Oak Clinic');
    expect(displayName.parse('Clínica São José 東京')).toBe('Clínica São José 東京');
  });

  it.each([
    ['empty', '   ', 'required'],
    ['too long', 'x'.repeat(201), 'at most 200 characters'],
    ['NUL inside', 'Oak\0Clinic', 'must not contain the NUL character'],
  ])('refuses a name that is %s', (_what, value, message) => {
    const r = displayName.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(message);
  });
});

describe('serviceBaseUrl', () => {
  it('keeps http(s) URLs with a host, port and path', () => {
    for (const url of ['https://drchrono.example', 'http://127.0.0.1:8080/external_api/v1', 'https://api.example/v4/']) expect(serviceBaseUrl.parse(url)).toBe(url);
  });

  it.each([
    ['credentials', 'https://user:pw@api.example', 'must not contain credentials, a query or a fragment'],
    ['a user alone', 'https://user@api.example', 'must not contain credentials, a query or a fragment'],
    ['a query', 'https://api.example/v1?x=1', 'must not contain credentials, a query or a fragment'],
    ['an empty query', 'https://api.example/v1?', 'must not contain credentials, a query or a fragment'],
    ['a fragment', 'https://api.example/v1#top', 'must not contain credentials, a query or a fragment'],
    ['another scheme', 'ftp://api.example', 'must be an http(s) URL'],
  ])('refuses a URL with %s', (_what, value, message) => {
    const r = serviceBaseUrl.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(message);
  });
});

describe('the admin inputs use them', () => {
  const practice = { practiceId: 'pr_oak', name: 'Oak', clientId: 'id', clientSecret: 's', code: 'c' };
  const pharmacy = { id: 'ph_oak', name: 'Oak', apiKey: `DRX${'a'.repeat(32)}` };

  it('refuses a practice whose name holds NUL or whose base URL carries credentials', () => {
    expect(connectPracticeInputSchema.safeParse({ ...practice, name: 'O\0ak' }).success).toBe(false);
    expect(connectPracticeInputSchema.safeParse({ ...practice, baseUrl: 'https://u:p@drchrono.example' }).success).toBe(false);
    expect(connectPracticeInputSchema.safeParse({ ...practice, baseUrl: 'https://drchrono.example' }).success).toBe(true);
  });

  it('refuses a pharmacy whose name holds NUL or whose DRX URL has a query', () => {
    expect(addPharmacyInputSchema.safeParse({ ...pharmacy, name: 'O\0ak' }).success).toBe(false);
    expect(addPharmacyInputSchema.safeParse({ ...pharmacy, drxBaseUrl: 'https://drx.example/api?k=1' }).success).toBe(false);
    expect(addPharmacyInputSchema.safeParse({ ...pharmacy, drxBaseUrl: 'https://drx.example/api' }).success).toBe(true);
  });
});
