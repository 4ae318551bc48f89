import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { silentLogger } from '../log/logger.js';
import { startDrChronoFixture, type DrChronoFixture } from '../practices/drchrono-sandbox-fixture.testkit.js';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { drchronoTokensSecretName, readTokens, writeTokens } from './token-secrets.js';
import { createTokenManager } from './token-manager.js';

let f: DrChronoFixture;
const HOURS_49 = 49 * 3_600_000;

beforeAll(async () => {
  f = await startDrChronoFixture();
});

afterAll(async () => {
  await f.close();
});

const manager = (db = f.handle.db) => createTokenManager({ db, secrets: f.secrets, clock: f.clock, log: silentLogger, config: f.config });
const stored = (practiceId: string) => readTokens(f.secrets, drchronoTokensSecretName(practiceId));

async function caught(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('token manager', () => {
  it('serves the stored token while it is fresh, without asking DrChrono', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    const before = f.sandbox.stats().tokenRequests;
    const token = await manager().getAccessToken(practiceId);
    expect(token).toBe((await stored(practiceId))?.access_token);
    expect(f.sandbox.stats().tokenRequests).toBe(before);
  });

  it('refreshes a token that expires within the margin and saves the rotated refresh token and expiry', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    const old = await stored(practiceId);
    const tm = manager();
    // 48 h tokens, 10 min margin: 47 h 55 min later the token is inside the margin.
    f.clock.advance(47 * 3_600_000 + 55 * 60_000);
    const token = await tm.getAccessToken(practiceId);
    const now = await stored(practiceId);
    expect(token).not.toBe(old?.access_token);
    expect(now?.access_token).toBe(token);
    expect(now?.refresh_token).not.toBe(old?.refresh_token);
    const row = await f.handle.db.selectFrom('practices').select('access_token_expires_at').where('id', '=', practiceId).executeTakeFirstOrThrow();
    expect(row.access_token_expires_at?.toISOString()).toBe(now?.expires_at);

    // Every refresh rotates again, and each rotation is saved (the old refresh token is spent).
    f.clock.advance(HOURS_49);
    const third = await tm.getAccessToken(practiceId);
    const later = await stored(practiceId);
    expect(third).toBe(later?.access_token);
    expect(later?.refresh_token).not.toBe(now?.refresh_token);
  });

  it('forceRefresh after a 401 gets a new token even when the stored one looks fresh', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    const tm = manager();
    const stale = await tm.getAccessToken(practiceId);
    const fresh = await tm.forceRefresh(practiceId, stale);
    expect(fresh).not.toBe(stale);
    expect((await stored(practiceId))?.access_token).toBe(fresh);
  });

  it('a forceRefresh that joins a refresh begun for an older token never gets its own stale token back', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    const tm = manager();
    const older = await tm.getAccessToken(practiceId);
    const current = await tm.forceRefresh(practiceId, older);
    // Two 401s on one instance: one for a request sent with the older token, one for the current token (revoked
    // server-side). The first refresh finds the stored token already differs from its stale one and hands that
    // back; the second caller joins it, and must not be given the very token DrChrono just refused.
    const before = f.sandbox.stats().tokenRequests;
    const [forOlder, forCurrent] = await Promise.all([tm.forceRefresh(practiceId, older), tm.forceRefresh(practiceId, current)]);
    expect(forOlder).toBe(current);
    expect(forCurrent).not.toBe(current);
    expect(forCurrent).not.toBe(older);
    expect((await stored(practiceId))?.access_token).toBe(forCurrent);
    expect(f.sandbox.stats().tokenRequests - before).toBe(1);
  });

  it('two instances racing on an expired token send exactly one refresh and get the same new token', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    f.clock.advance(HOURS_49);
    const second = openTestDb(2);
    try {
      const a = manager(f.handle.db);
      const b = manager(second.db);
      const before = f.sandbox.stats().tokenRequests;
      const [ta, tb] = await Promise.all([a.getAccessToken(practiceId), b.getAccessToken(practiceId)]);
      expect(f.sandbox.stats().tokenRequests - before).toBe(1);
      expect(ta).toBe(tb);
      expect((await stored(practiceId))?.access_token).toBe(ta);
    } finally {
      await second.close();
    }
  });

  it('a refused refresh marks the practice needs_reauth and says to reconnect', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    f.sandbox.oauth.revokeTokens(practiceId);
    f.clock.advance(HOURS_49);
    const err = await caught(manager().getAccessToken(practiceId));
    expect(err).toMatchObject({ kind: 'permanent', code: 'drchrono_unauthorized' });
    expect(err.message).toMatch(/reconnect the practice/);
    const row = await f.handle.db.selectFrom('practices').select(['status', 'last_error']).where('id', '=', practiceId).executeTakeFirstOrThrow();
    expect(row.status).toBe('needs_reauth');
    const tokens = await stored(practiceId);
    expect(row.last_error).not.toContain(tokens?.refresh_token ?? 'x');
  });

  it('names an unknown practice, and a practice without tokens as not connected', async () => {
    expect(await caught(manager().getAccessToken(uniquePharmacyId('pr_none')))).toMatchObject({ kind: 'not_found', code: 'unknown_practice' });
    const { practiceId } = await f.connect({ patients: 0 });
    await f.secrets.put(drchronoTokensSecretName(practiceId), 'not json');
    expect(await caught(manager().getAccessToken(practiceId))).toMatchObject({ kind: 'permanent', code: 'drchrono_not_connected' });
    // Restore so later tests in this file are unaffected.
    await writeTokens(f.secrets, drchronoTokensSecretName(practiceId), { access_token: 'a', refresh_token: 'r', expires_at: new Date().toISOString() });
  });

  it('names the missing client credentials, not the tokens, when only those are gone', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    // A practice whose client secret reference names a secret that does not exist (deleted, or never written).
    const missing = `drchrono-oauth-client-gone-${practiceId}`;
    await f.handle.db.updateTable('practices').set({ client_secret_ref: missing }).where('id', '=', practiceId).execute();
    f.clock.advance(HOURS_49);
    const err = await caught(manager().getAccessToken(practiceId));
    expect(err).toMatchObject({ kind: 'permanent', code: 'drchrono_not_connected' });
    expect(err.message).toBe(`the DrChrono API client credentials (secret ${missing}) are missing: connect practice ${practiceId} again to store them`);
  });

  it('keeps a short-lived token for half its life instead of refreshing it on every call', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    const connected = await stored(practiceId);
    if (!connected) throw new Error('not connected');
    // A 5-minute token against the 10-minute margin: with the plain margin every call would refresh.
    const now = f.clock.now();
    await writeTokens(f.secrets, drchronoTokensSecretName(practiceId), {
      ...connected, issued_at: now.toISOString(), expires_at: new Date(now.getTime() + 300_000).toISOString(),
    });
    const tm = manager();
    const before = f.sandbox.stats().tokenRequests;
    expect(await tm.getAccessToken(practiceId)).toBe(connected.access_token);
    f.clock.advance(140_000);
    expect(await tm.getAccessToken(practiceId)).toBe(connected.access_token);
    expect(f.sandbox.stats().tokenRequests).toBe(before);
    f.clock.advance(20_000); // 140 s left, under half of 300 s
    expect(await tm.getAccessToken(practiceId)).not.toBe(connected.access_token);
    expect(f.sandbox.stats().tokenRequests).toBe(before + 1);
  });
});
