import { describe, expect, it } from 'vitest';
import { storedPayload } from './stored-payload.js';

describe('storedPayload', () => {
  it('prefers the stored payload', () => {
    expect(storedPayload({ payload: { a: 1 }, raw_body: '{"a":2}' })).toEqual({ ok: true, payload: { a: 1 } });
  });
  it('parses the raw body when no payload was stored', () => {
    expect(storedPayload({ payload: null, raw_body: '{"t":"a\\u0000b"}' })).toEqual({ ok: true, payload: { t: 'a\u0000b' } });
  });
  it('says why there is none: no body kept, or a body that is not JSON', () => {
    expect(storedPayload({ payload: null, raw_body: null })).toEqual({ ok: false, missing: 'no_body' });
    expect(storedPayload({ payload: null, raw_body: '{"a":' })).toEqual({ ok: false, missing: 'not_json' });
  });
});
