// Gridhooks that fail: the answer names the queue's status, and the delivery keeps its practice either way.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeepCuraNote, encryptGridhookPayload } from '../../local/drchrono-sandbox/index.js';
import { receiveGridhook, retryDeepCuraDelivery } from '../../shared/deepcura/index.js';
import { AppError } from '../../shared/errors/app-error.js';
import type { SecretStore } from '../../shared/secrets/secret-store.js';
import { CRYPTO, SECRET, startGridhookFixture, type GridhookFixture } from './gridhook-fixture.testkit.js';
import '../drchrono-webhook/index.js';
import './index.js';

let g: GridhookFixture;
beforeAll(async () => {
  g = await startGridhookFixture();
});
afterAll(() => g.f.close());

describe('the answer names the queue status', () => {
  it('says dead, not failed, when a failure other than decrypt or payload is dead-lettered at once', async () => {
    // The secret reads fine for the header check, then the store refuses for good when the apply reads it again
    // (the clock moves past the secret cache): a permanent failure that is neither decrypt_failed nor bad_payload.
    let reads = 0;
    const secrets: SecretStore = {
      get: async () => {
        reads += 1;
        if (reads > 1) throw new AppError('permanent', 'secret_missing', 'the secret cannot be read');
        return SECRET;
      },
      put: async () => undefined,
    };
    let t = Date.parse('2026-05-01T00:00:00Z');
    const clock = { now: () => new Date((t += 61_000)), sleep: async () => undefined };
    const rawBody = Buffer.from(JSON.stringify({ encrypted_payload: encryptGridhookPayload({ transcript: 'dead at once' }, CRYPTO) }));
    const receipt = await receiveGridhook({ ...g.f.t.rt, secrets, clock }, { headers: { 'x-deepcura-secret': SECRET }, rawBody, correlationId: 'c-dead' });
    const stored = await g.eventByKey(`sha256:${createHash('sha256').update(rawBody).digest('hex')}`);
    expect(stored).toMatchObject({ status: 'dead', last_error: 'the secret cannot be read' });
    expect(receipt).toMatchObject({ duplicate: false, status: 'dead', eventId: stored?.id, retryAt: null });
  });
});

describe('a replayed gridhook is recorded like a live one', () => {
  it('records the practice on the delivery, as the live path does', async () => {
    const patient = g.practice.data.patients[0];
    const plaintext = buildDeepCuraNote(g.practice, { patientId: patient?.id, sessionDate: '2025-01-01' });
    const live = await g.postGridhook(encryptGridhookPayload(plaintext, CRYPTO));
    expect(live.status).toBe(200);
    expect(await g.eventByKey(live.key)).toMatchObject({ status: 'applied', practice_id: g.practiceId });

    // Another visit's note: the same plaintext would be settled as a duplicate of the live one (gridhook-resends).
    const other = buildDeepCuraNote(g.practice, { patientId: patient?.id, sessionDate: '2025-01-03' });
    const sent = await g.postGridhook(encryptGridhookPayload(other, { ...CRYPTO, keyDerivation: 'sha256', iv: 'zero' }));
    expect(sent.status).toBe(422);
    const stored = await g.eventByKey(sent.key);
    if (!stored) throw new Error('not stored');
    const fixed = { ...g.f.t.rt, config: { ...g.f.t.rt.config, DEEPCURA_KEY_DERIVATION: 'sha256' as const, DEEPCURA_IV: 'zero' as const } };
    expect(await retryDeepCuraDelivery(fixed)({ ...stored, locked_until: new Date(), prior_status: 'dead' })).toBe('applied');
    expect(await g.noteOf(stored.id)).toMatchObject({ practice_id: g.practiceId });
    expect(await g.eventByKey(sent.key)).toMatchObject({ practice_id: g.practiceId });
  });
});

describe('a gridhook that fails after it is routed', () => {
  it('keeps its practice on the delivery, so practice-scoped retries and dead-letter lists find it', async () => {
    const patient = g.practice.data.patients[0];
    const rawBody = Buffer.from(JSON.stringify({ encrypted_payload: encryptGridhookPayload(buildDeepCuraNote(g.practice, { patientId: patient?.id, sessionDate: '2025-01-02' }), CRYPTO) }));
    // The first id names the event; the second is taken inside the note's transaction, which this makes fail.
    let ids = 0;
    const newId = () => {
      ids += 1;
      if (ids === 2) throw new Error('transaction failed');
      return randomUUID();
    };
    const receipt = await receiveGridhook({ ...g.f.t.rt, newId }, { headers: { 'x-deepcura-secret': SECRET }, rawBody, correlationId: 'c-routed' });
    expect(receipt).toMatchObject({ duplicate: false, status: 'failed' });
    expect(await g.eventByKey(`sha256:${createHash('sha256').update(rawBody).digest('hex')}`)).toMatchObject({ status: 'failed', practice_id: g.practiceId });
  });
});
