import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connect, movableClock, tokenRequest } from './api-client.testkit.js';
import { startDrChronoSandbox } from './index.js';
import type { DrChronoSandbox, TokenAnswer } from './index.js';

const clock = movableClock('2024-06-15T12:00:00Z');
let sb: DrChronoSandbox;

beforeAll(async () => {
  sb = await startDrChronoSandbox({ now: clock.now, tokenTtlSeconds: 3600 });
  sb.addPractice({ id: 'north', seed: 1, doctors: 2, offices: 1, patients: 3 });
  sb.addPractice({ id: 'south', seed: 2, doctors: 1, offices: 1, patients: 3 });
});
afterAll(async () => sb.close());

describe('OAuth token endpoint', () => {
  it('exchanges an authorization code for bearer tokens that read the practice', async () => {
    const tokens = await connect(sb, 'north');
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(tokens.access_token).not.toBe(tokens.refresh_token);
    const me = await apiGet(sb, tokens.access_token, '/api/users/current');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(sb.practice('north').data.user);
  });

  it('accepts a code only once', async () => {
    const code = sb.oauth.issueCode('north');
    const first = await tokenRequest(sb, { grant_type: 'authorization_code', code, redirect_uri: 'x' });
    const second = await tokenRequest(sb, { grant_type: 'authorization_code', code, redirect_uri: 'x' });
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a wrong client secret and an unknown grant type', async () => {
    const code = sb.oauth.issueCode('north');
    const bad = await tokenRequest(sb, { grant_type: 'authorization_code', code, client_secret: 'nope' });
    expect(bad).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const odd = await tokenRequest(sb, { grant_type: 'password' });
    expect(odd).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('rotates refresh tokens: the old refresh token and its access token stop working', async () => {
    const old = await connect(sb, 'north');
    const refreshed = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: old.refresh_token });
    expect(refreshed.status).toBe(200);
    const fresh = refreshed.body as TokenAnswer;
    expect(fresh.refresh_token).not.toBe(old.refresh_token);
    expect((await apiGet(sb, fresh.access_token, '/api/users/current')).status).toBe(200);
    expect((await apiGet(sb, old.access_token, '/api/users/current')).status).toBe(401);
    const reuse = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: old.refresh_token });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const tokens = await connect(sb, 'south');
    const both = await Promise.all([
      tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
    ]);
    expect(both.map((a) => a.status).sort()).toEqual([200, 400]);
  });

  it('expires access tokens by the sandbox clock, while the refresh token still works', async () => {
    const tokens = await connect(sb, 'south');
    clock.advance(3599_000);
    expect((await apiGet(sb, tokens.access_token, '/api/doctors')).status).toBe(200);
    clock.advance(1_000);
    const expired = await apiGet(sb, tokens.access_token, '/api/doctors');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ detail: 'Invalid token.' });
    const refreshed = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
  });

  it('binds each token to its practice and refuses calls without one', async () => {
    const north = await connect(sb, 'north');
    const south = await connect(sb, 'south');
    const a = await apiGet(sb, north.access_token, '/api/doctors');
    const b = await apiGet(sb, south.access_token, '/api/doctors');
    expect((a.body as { results: unknown[] }).results).toEqual(sb.practice('north').data.doctors);
    expect((b.body as { results: unknown[] }).results).toEqual(sb.practice('south').data.doctors);
    const none = await apiGet(sb, undefined, '/api/doctors');
    expect(none).toMatchObject({ status: 401, body: { detail: 'Authentication credentials were not provided.' } });
  });

  it('revokes every token of a practice', async () => {
    const tokens = await connect(sb, 'north');
    sb.oauth.revokeTokens('north');
    expect((await apiGet(sb, tokens.access_token, '/api/users/current')).status).toBe(401);
    const refresh = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
  });

  it('counts token requests', async () => {
    const before = sb.stats().tokenRequests;
    await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: 'unknown' });
    expect(sb.stats().tokenRequests).toBe(before + 1);
  });
});
