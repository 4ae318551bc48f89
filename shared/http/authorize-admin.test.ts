import { describe, expect, it } from 'vitest';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import { authorizeAdmin, type AdminAuthSettings } from './authorize-admin.js';
import { createLocalIdTokenVerifier } from './id-token-verifier.js';
import type { HttpRequest } from './http-types.js';

const ADMIN_TOKEN = 'a'.repeat(40);
const AUDIENCE = 'https://sync-now.example.test';
const PRINCIPAL = 'scheduler@rxbridge.iam.gserviceaccount.com';

const good = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = good.publicKey.export({ type: 'spki', format: 'pem' }).toString();

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signJwt(claims: Record<string, unknown>, key = good.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
  const payload = b64url({
    iss: 'https://accounts.google.com',
    aud: AUDIENCE,
    email: PRINCIPAL,
    email_verified: true,
    iat: now - 10,
    exp: now + 600,
    ...claims,
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const settings: AdminAuthSettings = {
  adminToken: ADMIN_TOKEN,
  allowedPrincipals: [PRINCIPAL],
  idTokens: createLocalIdTokenVerifier({ k1: publicPem }),
  audience: AUDIENCE,
};

function req(headers: Record<string, string>): HttpRequest {
  return { method: 'POST', url: '/', headers };
}

async function rejects(request: HttpRequest, s: AdminAuthSettings = settings): Promise<void> {
  const err = await authorizeAdmin(request, s).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(401);
}

describe('authorizeAdmin', () => {
  it('accepts the admin token as a bearer token', async () => {
    expect(await authorizeAdmin(req({ authorization: `Bearer ${ADMIN_TOKEN}` }), settings)).toEqual({ via: 'admin_token' });
  });

  it('accepts the admin token in X-Admin-Token when Authorization carries something else', async () => {
    const r = req({ authorization: 'Bearer some.iam.token', 'x-admin-token': ADMIN_TOKEN });
    expect(await authorizeAdmin(r, settings)).toEqual({ via: 'admin_token' });
  });

  it('refuses a wrong admin token in either header', async () => {
    await rejects(req({ authorization: `Bearer ${'b'.repeat(40)}` }));
    await rejects(req({ 'x-admin-token': ADMIN_TOKEN.slice(1) }));
  });

  it('refuses a request without credentials', async () => {
    await rejects(req({}));
  });

  it('accepts a signed ID token of an allowed principal for the right audience', async () => {
    expect(await authorizeAdmin(req({ authorization: `Bearer ${signJwt({})}` }), settings)).toEqual({
      via: 'id_token',
      email: PRINCIPAL,
    });
  });

  it('refuses an ID token of a principal that is not allowed', async () => {
    await rejects(req({ authorization: `Bearer ${signJwt({ email: 'someone@example.com' })}` }));
  });

  it('refuses an ID token whose email is not verified', async () => {
    await rejects(req({ authorization: `Bearer ${signJwt({ email_verified: false })}` }));
  });

  it('refuses an ID token minted for another audience', async () => {
    await rejects(req({ authorization: `Bearer ${signJwt({ aud: 'https://other.example.test' })}` }));
  });

  it('refuses an expired ID token', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    await rejects(req({ authorization: `Bearer ${signJwt({ iat: past - 600, exp: past })}` }));
  });

  it('refuses an ID token signed by another key', async () => {
    await rejects(req({ authorization: `Bearer ${signJwt({}, other.privateKey)}` }));
  });

  it('refuses ID tokens altogether when no audience is configured', async () => {
    await rejects(req({ authorization: `Bearer ${signJwt({})}` }), { ...settings, audience: undefined });
  });

  it('refuses everything when no admin token and no principals are configured', async () => {
    await rejects(req({ authorization: 'Bearer ' }), { ...settings, adminToken: undefined, allowedPrincipals: [] });
  });
});
