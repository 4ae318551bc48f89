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

  it('follows a rotated secret at once: the old token and HMACs keyed with it stop matching', () => {
    const rotated = 'whsec-rotated-fedcba9876543210';
    expect(matchSignature(secret, body, secret)).toBe('secret_token');
    expect(matchSignature(rotated, body, rotated)).toBe('secret_token');
    expect(matchSignature(secret, body, rotated)).toBeNull();
    expect(matchSignature(hmac, body, rotated)).toBeNull();
    expect(matchSignature(createHmac('sha256', rotated).update(body).digest('hex'), body, rotated)).toBe('hmac_sha256');
  });

  it('refuses a token that is a prefix or an extension of the secret', () => {
    expect(matchSignature(secret.slice(0, -1), body, secret)).toBeNull();
    expect(matchSignature(`${secret}0`, body, secret)).toBeNull();
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
