import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testDatabaseUrl } from '../../test/support/test-db.js';
import { createDb, type Db, type DbHandle } from '../db/create-db.js';
import { gridhookNoteSchema } from './gridhook-schema.js';
import { insertDeepCuraNote, type InsertedNote } from './insert-deepcura-note.js';

let h: DbHandle;
let racers: DbHandle;
// The racing transactions' connections, so the wait below counts them and nothing another test file runs.
const RACERS = `rxbridge-insert-race-${randomBytes(4).toString('hex')}`;

beforeAll(() => {
  h = openTestDb();
  racers = createDb(testDatabaseUrl(), { max: 3, applicationName: RACERS });
});
afterAll(async () => {
  await racers.close();
  await h.close();
});

async function storedDelivery(): Promise<string> {
  const id = randomUUID();
  await h.db
    .insertInto('sync_events')
    .values({ id, direction: 'inbound', source: 'deepcura', kind: 'gridhook', idempotency_key: `test:${id}`, correlation_id: 'c', status: 'received', pharmacy_id: null })
    .execute();
  return id;
}

function plaintext(): { note: ReturnType<typeof gridhookNoteSchema.parse>; sha256: string } {
  const bytes = Buffer.from(JSON.stringify({ transcript: `insert test ${randomUUID()}` }));
  return { note: gridhookNoteSchema.parse(JSON.parse(bytes.toString())), sha256: createHash('sha256').update(bytes).digest('hex') };
}

const insert = (db: Db, syncEventId: string, p: ReturnType<typeof plaintext>) =>
  insertDeepCuraNote(db, { syncEventId, practiceId: null, note: p.note, plaintextSha256: p.sha256, at: new Date() });

const notesOf = (sha256: string) =>
  h.db.selectFrom('deepcura_notes').select(['id', 'sync_event_id']).where('plaintext_sha256', '=', sha256).execute();

describe('insertDeepCuraNote', () => {
  it('stores the plaintext hash, and the same delivery again gets its own note back', async () => {
    const p = plaintext();
    const eventId = await storedDelivery();
    const first = await insert(h.db, eventId, p);
    expect(first.outcome).toBe('inserted');
    expect(await insert(h.db, eventId, p)).toEqual({ outcome: 'existing', id: first.id });
    expect(await notesOf(p.sha256)).toEqual([{ id: first.id, sync_event_id: eventId }]);
  });

  it('makes another delivery of the same plaintext a duplicate naming the first, without a second note', async () => {
    const p = plaintext();
    const firstEvent = await storedDelivery();
    const first = await insert(h.db, firstEvent, p);
    expect(await insert(h.db, await storedDelivery(), p)).toEqual({ outcome: 'duplicate', id: first.id, syncEventId: firstEvent });
    expect(await notesOf(p.sha256)).toHaveLength(1);
  });

  it('lets any number of notes without a hash stand (those stored before sql/011)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const row = await h.db
        .insertInto('deepcura_notes')
        .values({ sync_event_id: await storedDelivery(), icd10_codes: '[]', cpt_codes: '[]', medication_mentions: '[]' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const stored = await h.db.selectFrom('deepcura_notes').select('plaintext_sha256').where('id', 'in', ids).execute();
    expect(stored).toEqual([{ plaintext_sha256: null }, { plaintext_sha256: null }]);
  });

  it('refuses a hash that is not 64 lowercase hex digits', async () => {
    const write = h.db.insertInto('deepcura_notes').values({
      sync_event_id: await storedDelivery(), plaintext_sha256: 'ABC', icd10_codes: '[]', cpt_codes: '[]', medication_mentions: '[]',
    });
    await expect(write.execute()).rejects.toThrow('violates check constraint "deepcura_notes_plaintext_sha256_check"');
  });
});

async function waitUntilBlocked(count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where application_name = ${RACERS} and wait_event_type = 'Lock'`.execute(h.db);
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the ${count} inserts never waited together`);
}

describe('two transactions inserting the same plaintext at once', () => {
  it('leave exactly one note; the other gets a duplicate answer, not a unique violation', async () => {
    const p = plaintext();
    const events = [await storedDelivery(), await storedDelivery()];
    // Both are held at the insert by a table lock (each has already looked and found nothing, had it looked),
    // then let go together: only the unique index can tell them apart now.
    const race = await h.db.transaction().execute(async (trx) => {
      await sql`lock table deepcura_notes in share row exclusive mode`.execute(trx);
      const both = Promise.all(events.map((id) => racers.db.transaction().execute((t) => insert(t, id, p))));
      await waitUntilBlocked(2);
      return { both };
    });
    const results: InsertedNote[] = await race.both;
    const inserted = results.find((r) => r.outcome === 'inserted');
    if (!inserted) throw new Error('neither inserted');
    const winner = events[results.indexOf(inserted)];
    expect(results.map((r) => r.outcome).sort()).toEqual(['duplicate', 'inserted']);
    expect(results.find((r) => r.outcome === 'duplicate')).toEqual({ outcome: 'duplicate', id: inserted.id, syncEventId: winner });
    expect(await notesOf(p.sha256)).toEqual([{ id: inserted.id, sync_event_id: winner }]);
  });
});
