import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { flakyOnWrite } from '../secrets/flaky-secret-store.testkit.js';
import { startDrChronoFixture, type DrChronoFixture } from '../practices/drchrono-sandbox-fixture.testkit.js';
import { drchronoTokensSecretName, readTokens } from './token-secrets.js';
import { createTokenManager } from './token-manager.js';

let f: DrChronoFixture;

beforeAll(async () => {
  f = await startDrChronoFixture();
});

afterAll(async () => {
  await f.close();
});

describe('token manager saving a rotated refresh token', () => {
  it('keeps trying when the secret store briefly refuses the write, so the spent refresh token is never the stored one', async () => {
    const { practiceId } = await f.connect({ patients: 0 });
    const ref = drchronoTokensSecretName(practiceId);
    const old = await readTokens(f.secrets, ref);
    f.clock.advance(49 * 3_600_000);
    const tm = createTokenManager({ db: f.handle.db, secrets: flakyOnWrite(f.secrets, ref, 1), clock: f.clock, log: silentLogger, config: f.config });

    const token = await tm.getAccessToken(practiceId);
    const saved = await readTokens(f.secrets, ref);
    expect(saved?.access_token).toBe(token);
    expect(saved?.refresh_token).not.toBe(old?.refresh_token);
    // The saved refresh token is the live one: the next refresh is accepted.
    f.clock.advance(49 * 3_600_000);
    expect(await tm.getAccessToken(practiceId)).not.toBe(token);
  });
});
