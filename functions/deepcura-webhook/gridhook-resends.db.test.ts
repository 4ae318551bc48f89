// Deep Cura sending a note again under a fresh random IV: a new body (so a new idempotency key) around the same
// plaintext. It must answer as a duplicate naming the first note and never become a second note, live or retried.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeepCuraNote, encryptGridhookPayload } from '../../local/drchrono-sandbox/index.js';
import { receiveGridhook, retryDeepCuraDelivery } from '../../shared/deepcura/index.js';
import { runRetryWorker } from '../../shared/retry-queue/retry-worker.js';
import { CRYPTO, SECRET, startGridhookFixture, type GridhookFixture } from './gridhook-fixture.testkit.js';
import '../drchrono-webhook/index.js';
import './index.js';

let g: GridhookFixture;
beforeAll(async () => {
  g = await startGridhookFixture();
});
afterAll(() => g.f.close());

const db = () => g.f.t.rt.db;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
// What the sender encrypts (encryptGridhookPayload: the JSON text as UTF-8), hashed independently of our code.
const plaintextHash = (note: object) => sha256(Buffer.from(JSON.stringify(note), 'utf8'));
const notesOf = (note: object) =>
  db().selectFrom('deepcura_notes').select(['id', 'sync_event_id']).where('plaintext_sha256', '=', plaintextHash(note)).execute();

/** A note of the fixture's practice, unique to the test (its own session date and transcript). */
function uniqueNote(sessionDate: string) {
  const patient = g.practice.data.patients[0];
  return { ...buildDeepCuraNote(g.practice, { patientId: patient?.id, sessionDate }), transcript: `resend test ${randomUUID()}` };
}

describe('a note resent under a new IV', () => {
  it('answers 200 as a duplicate naming the first note, keeps the resend settled ignored, and stores one note', async () => {
    const note = uniqueNote('2025-03-01');
    const first = await g.postGridhook(encryptGridhookPayload(note, CRYPTO));
    expect(first.json).toMatchObject({ status: 'applied', duplicate: false });
    const again = await g.postGridhook(encryptGridhookPayload(note, CRYPTO));
    expect(again.key).not.toBe(first.key); // a new body: the body hash alone would not catch it
    const resend = await g.eventByKey(again.key);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({
      received: true, duplicate: true, status: 'ignored', eventId: resend?.id, noteId: first.json.noteId, firstEventId: first.json.eventId,
    });
    expect(await notesOf(note)).toEqual([{ id: first.json.noteId, sync_event_id: first.json.eventId }]);
    expect(resend).toMatchObject({
      status: 'ignored',
      practice_id: g.practiceId,
      last_error: `duplicate of Deep Cura note ${String(first.json.noteId)} (sync event ${String(first.json.eventId)})`,
    });
    const logs = await db().selectFrom('integration_logs').select(['status', 'created', 'unchanged', 'details'])
      .where('source', '=', 'deepcura').where(sql<string>`details->>'syncEventId'`, '=', resend?.id ?? '').execute();
    expect(logs).toEqual([
      { status: 'succeeded', created: 0, unchanged: 1, details: { syncEventId: resend?.id, noteId: first.json.noteId, duplicateOf: first.json.eventId } },
    ]);
  });

  it('is still answered as a duplicate when that same resent body arrives once more', async () => {
    const note = uniqueNote('2025-03-02');
    await g.postGridhook(encryptGridhookPayload(note, CRYPTO));
    const resent = encryptGridhookPayload(note, CRYPTO);
    const once = await g.postGridhook(resent);
    const twice = await g.postGridhook(resent);
    expect(twice.status).toBe(200);
    expect(twice.json).toMatchObject({ duplicate: true, status: 'ignored', eventId: once.json.eventId });
    expect(await notesOf(note)).toHaveLength(1);
  });
});

describe('a resend after the first delivery failed', () => {
  it('becomes the note, and the first, retried by the worker, settles as its duplicate', async () => {
    const note = uniqueNote('2025-03-03');
    const rawBody = Buffer.from(JSON.stringify({ encrypted_payload: encryptGridhookPayload(note, CRYPTO) }));
    // The first id names the event; the second is taken inside the note's transaction, which this makes fail.
    let ids = 0;
    const newId = () => {
      ids += 1;
      if (ids === 2) throw new Error('transaction failed');
      return randomUUID();
    };
    const failed = await receiveGridhook({ ...g.f.t.rt, newId }, { headers: { 'x-deepcura-secret': SECRET }, rawBody, correlationId: 'c-first' });
    expect(failed).toMatchObject({ status: 'failed' });
    expect(await notesOf(note)).toEqual([]);

    // Nothing stored holds this plaintext yet, so the resend is no duplicate: it is the note.
    const resend = await g.postGridhook(encryptGridhookPayload(note, CRYPTO));
    expect(resend.json).toMatchObject({ status: 'applied', duplicate: false });

    const later = { now: () => new Date(Date.now() + 10 * 60_000), sleep: async () => undefined };
    const pass = await runRetryWorker(
      { db: db(), log: g.f.t.rt.log, clock: later, handlers: { deepcura: retryDeepCuraDelivery(g.f.t.rt) } },
      { limit: 5, leaseSeconds: 120, timeBudgetMs: 60_000, practiceId: g.practiceId },
    );
    expect(pass).toMatchObject({ claimed: 1, succeeded: 1, failed: 0, dead: 0 });
    expect(await notesOf(note)).toEqual([{ id: resend.json.noteId, sync_event_id: resend.json.eventId }]);
    const duplicateNote = `duplicate of Deep Cura note ${String(resend.json.noteId)} (sync event ${String(resend.json.eventId)})`;
    const first = await db().selectFrom('sync_events').selectAll().where('id', '=', failed.eventId).executeTakeFirstOrThrow();
    expect(first).toMatchObject({ status: 'ignored', attempts: 2, next_attempt_at: null, last_error: duplicateNote, practice_id: g.practiceId });
    const retryLog = await db().selectFrom('integration_logs').select(['status', 'details']).where('correlation_id', '=', 'c-first').where('kind', '=', 'retry').execute();
    expect(retryLog).toEqual([{ status: 'succeeded', details: expect.objectContaining({ outcome: 'ignored', note: duplicateNote }) as unknown }]);
  });

  it('becomes the note when the first was dead-lettered, and a replay of the first makes no second note', async () => {
    const note = uniqueNote('2025-03-04');
    const wrongSettings = { ...CRYPTO, keyDerivation: 'sha256' as const, iv: 'zero' as const };
    const dead = await g.postGridhook(encryptGridhookPayload(note, wrongSettings));
    expect(dead.status).toBe(422);
    const resend = await g.postGridhook(encryptGridhookPayload(note, CRYPTO));
    expect(resend.json).toMatchObject({ status: 'applied', duplicate: false });

    const stored = await g.eventByKey(dead.key);
    if (!stored) throw new Error('not stored');
    const fixed = { ...g.f.t.rt, config: { ...g.f.t.rt.config, DEEPCURA_KEY_DERIVATION: 'sha256' as const, DEEPCURA_IV: 'zero' as const } };
    expect(await retryDeepCuraDelivery(fixed)({ ...stored, locked_until: new Date(), prior_status: 'dead' })).toEqual({
      status: 'ignored',
      note: `duplicate of Deep Cura note ${String(resend.json.noteId)} (sync event ${String(resend.json.eventId)})`,
    });
    expect(await notesOf(note)).toEqual([{ id: resend.json.noteId, sync_event_id: resend.json.eventId }]);
    expect(await g.noteOf(stored.id)).toBeUndefined();
  });
});

describe('the stored plaintext hash', () => {
  it('is the sha256 of the decrypted bytes, so notes that differ by a single byte are both kept', async () => {
    const note = uniqueNote('2025-03-05');
    const other = { ...note, transcript: `${note.transcript}.` };
    const a = await g.postGridhook(encryptGridhookPayload(note, CRYPTO));
    const b = await g.postGridhook(encryptGridhookPayload(other, CRYPTO));
    expect([a.json.duplicate, b.json.duplicate]).toEqual([false, false]);
    expect(await g.noteOf(String(a.json.eventId))).toMatchObject({ plaintext_sha256: plaintextHash(note) });
    expect(await g.noteOf(String(b.json.eventId))).toMatchObject({ plaintext_sha256: plaintextHash(other) });
  });
});
