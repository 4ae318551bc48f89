// Two deliveries of one plaintext (Deep Cura resending under a new IV before the first answer came back) processed
// at the same moment, end to end: both are held inside their note transactions and let go together. Exactly one
// note may come out, and the other delivery is its duplicate. (insert-deepcura-note.db.test.ts races the insert
// itself, without the change_log chain lock that also orders these transactions.)
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeepCuraNote, encryptGridhookPayload } from '../../local/drchrono-sandbox/index.js';
import { createDb, type Db, type DbHandle } from '../../shared/db/create-db.js';
import { receiveGridhook, type GridhookReceipt } from '../../shared/deepcura/index.js';
import { openTestDb, testDatabaseUrl } from '../../test/support/test-db.js';
import { CRYPTO, SECRET, startGridhookFixture, type GridhookFixture } from './gridhook-fixture.testkit.js';
import '../drchrono-webhook/index.js';
import './index.js';

let g: GridhookFixture;
let racers: DbHandle;
let holder: DbHandle;
// The racing deliveries' own connections, so the wait below counts them and nothing another test file runs.
const RACERS = `rxbridge-race-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  g = await startGridhookFixture();
  racers = createDb(testDatabaseUrl(), { max: 4, applicationName: RACERS });
  holder = openTestDb(2);
});
afterAll(async () => {
  await racers?.close();
  await holder?.close();
  await g.f.close();
});

async function waitUntilBlocked(db: Db, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where application_name = ${RACERS} and wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the ${count} deliveries were never both held`);
}

describe('two deliveries of the same plaintext at once', () => {
  it('make exactly one note; the other is answered as its duplicate', async () => {
    const patient = g.practice.data.patients[0];
    const note = { ...buildDeepCuraNote(g.practice, { patientId: patient?.id, sessionDate: '2025-04-01' }), transcript: `race ${randomUUID()}` };
    const deps = { ...g.f.t.rt, db: racers.db };
    const deliver = (correlationId: string): Promise<GridhookReceipt> => {
      const rawBody = Buffer.from(JSON.stringify({ encrypted_payload: encryptGridhookPayload(note, CRYPTO) }));
      return receiveGridhook(deps, { headers: { 'x-deepcura-secret': SECRET }, rawBody, correlationId });
    };

    // Holding the table lock an insert needs stops both deliveries inside their transactions (one at the insert,
    // one at the chain lock the first holds); committing lets both go. Returned wrapped, or the commit would wait.
    const race = await holder.db.transaction().execute(async (trx) => {
      await sql`lock table deepcura_notes in share row exclusive mode`.execute(trx);
      const both = Promise.all([deliver('c-race-1'), deliver('c-race-2')]);
      await waitUntilBlocked(holder.db, 2);
      return { both };
    });
    const receipts = await race.both;

    const applied = receipts.flatMap((r) => (!r.duplicate && r.status === 'applied' ? [r] : []));
    const duplicates = receipts.filter((r) => r.duplicate);
    expect(applied).toHaveLength(1);
    expect(duplicates).toHaveLength(1);
    const first = applied[0];
    if (!first) throw new Error('no applied delivery');
    expect(duplicates[0]).toMatchObject({ status: 'ignored', noteId: first.noteId, firstEventId: first.eventId });
    const notes = await g.f.t.rt.db.selectFrom('deepcura_notes').select(['id', 'sync_event_id']).where('transcript', '=', note.transcript).execute();
    expect(notes).toEqual([{ id: first.noteId, sync_event_id: first.eventId }]);
  });
});
