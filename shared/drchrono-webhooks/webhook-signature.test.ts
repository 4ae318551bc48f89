import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handshakeToken, matchSignature } from './webhook-signature.js';

const secret = 'whsec-0123456789abcdef';
const body = Buffer.from('{"receiver":{},"object":{"id":1}}');
const hmac = createHmac('sha256', secret).update(body).digest('hex');

describe('matchSignature', () => {
  it.each([
    ['the secret token itself', secret, 'secret_token'],
    ['the hex HMAC of the body', hmac, 'hmac_sha256'],
    ['the hex HMAC in upper case', hmac.toUpperCase(), 'hmac_sha256'],
    ['a wrong value', 'nope', null],
    ['an HMAC of another body', createHmac('sha256', secret).update('{}').digest('hex'), null],
    ['an HMAC keyed with another secret', createHmac('sha256', 'other').update(body).digest('hex'), null],
    ['an empty header', '', null],
    ['no header', undefined, null],
  ])('recognises %s', (_label, header, expected) => {
    expect(matchSignature(header, body, secret)).toBe(expected);
  });

  it('refuses everything when the secret is empty', () => {
    expect(matchSignature('', body, '')).toBeNull();
  });
});

describe('handshakeToken', () => {
  it('is the lowercase hex HMAC-SHA256 of msg keyed with the secret', () => {
    expect(handshakeToken(secret, 'hello')).toBe(createHmac('sha256', secret).update('hello').digest('hex'));
    expect(handshakeToken(secret, 'hello')).toMatch(/^[0-9a-f]{64}$/);
  });
});
