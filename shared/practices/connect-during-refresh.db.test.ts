import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { silentLogger } from '../log/logger.js';
import { createTokenManager } from '../drchrono/token-manager.js';
import { connectPractice } from './connect-practice.js';
import { startDrChronoFixture, type DrChronoFixture } from './drchrono-sandbox-fixture.testkit.js';

let f: DrChronoFixture;

beforeAll(async () => {
  f = await startDrChronoFixture();
});

afterAll(async () => {
  await f.close();
});

async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const waitingAdvisoryLocks = async (): Promise<number> =>
  Number((await sql<{ n: string }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(f.handle.db)).rows[0]?.n ?? 0);

describe('reconnecting while another instance refreshes', () => {
  it('waits for the running refresh, so its refused outcome cannot mark the reconnected practice needs_reauth', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    // The grant was revoked in DrChrono and the token is due: a refresher is about to be refused.
    f.sandbox.oauth.revokeTokens(practiceId);
    f.clock.advance(49 * 3_600_000);

    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let tokenCallsSent = 0;
    // The refresher's token request stalls on its way to DrChrono while it holds the refresh lock.
    const stalledFetch: typeof fetch = async (input, init) => {
      tokenCallsSent++;
      await gate;
      return fetch(input, init);
    };
    const refresher = createTokenManager({ db: f.handle.db, secrets: f.secrets, clock: f.clock, log: silentLogger, config: f.config, fetchImpl: stalledFetch });
    const refreshing = refresher.getAccessToken(practiceId).then(() => 'refreshed', () => 'refused');
    await until('the refresh to be on its way', () => Promise.resolve(tokenCallsSent === 1));

    // Meanwhile the operator reconnects the practice with a new authorization code.
    let connectSettled = false;
    const reconnecting = connectPractice(f.deps, {
      practiceId,
      name: 'Sandbox Clinic',
      clientId: f.sandbox.oauth.clientId,
      clientSecret: f.sandbox.oauth.clientSecret,
      code: f.sandbox.oauth.issueCode(practiceId),
    }).finally(() => (connectSettled = true));
    await until('the reconnect to finish or to wait for the refresh lock', async () => connectSettled || (await waitingAdvisoryLocks()) > 0);

    openGate();
    expect(await refreshing).toBe('refused');
    expect(await reconnecting).toMatchObject({ practiceId, created: false });
    const row = await f.handle.db.selectFrom('practices').select(['status', 'last_error']).where('id', '=', practiceId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', last_error: null });
  });
});
