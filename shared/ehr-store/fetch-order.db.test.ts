// Medications, problems and allergies carry no updated_at: their writes are ordered by when they were fetched.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/create-db.js';
import type { MirrorRowByKind } from '../drchrono/rows.js';
import { openTestDb } from '../../test/support/test-db.js';
import { allergyRow, medicationRow, newPractice, nextDrchronoId, problemRow } from './ehr-fixtures.testkit.js';
import type { FetchOrderedKind } from './fetch-order.js';
import { markMissingDeleted } from './mark-deleted.js';
import { MIRROR_TABLES } from './mirror-tables.js';
import { upsertMirror } from './upsert-mirror.js';
import { upsertRows } from './upsert-rows.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

/** A fetch start time: `minute` minutes past 10:00. */
const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

// Two versions of one record: what a fetch saw before (1) and after (2) a change in DrChrono.
const VERSIONS: { [K in FetchOrderedKind]: (id: string, patient: string, version: 1 | 2) => MirrorRowByKind[K] } = {
  medications: (id, patient, v) => medicationRow(id, patient, v === 1 ? '10' : '20'),
  problems: (id, patient, v) => problemRow(id, patient, v === 1 ? 'active' : 'resolved'),
  allergies: (id, patient, v) => allergyRow(id, patient, v === 1 ? 'Hives' : 'Rash'),
};

describe.each(['medications', 'problems', 'allergies'] as const)('%s', (kind) => {
  /** One record of `kind` in a fresh practice, with what the tests do to it. */
  async function record() {
    const practice = await newPractice(h.db);
    const [id, patient] = [nextDrchronoId(), nextDrchronoId()];
    const version = (v: 1 | 2) => VERSIONS[kind](id, patient, v);
    return {
      hashOf: (v: 1 | 2) => version(v).content_hash,
      write: (v: 1 | 2, fetchedAt: Date) => upsertMirror(h.db, practice, kind, [version(v)], fetchedAt),
      writeUntimed: () => upsertRows(h.db, MIRROR_TABLES[kind], practice, [version(1)]),
      /** A list read of the patient begun at `listedAt`, from which the record is missing. */
      listWithout: (listedAt: Date) => markMissingDeleted(h.db, kind, patient, [], listedAt),
      forgetFetchTime: () => sql`update ${sql.table(kind)} set fetched_at = null where drchrono_id = ${id}`.execute(h.db),
      stored: () => h.db.selectFrom(kind).select(['content_hash', 'fetched_at', 'deleted_at']).where('drchrono_id', '=', id).executeTakeFirstOrThrow(),
      audited: async () => {
        const rows = await h.db.selectFrom('change_log').select(['operation', 'changed_columns'])
          .where('table_name', '=', kind).where('drchrono_id', '=', id).orderBy('id').execute();
        return rows.map((r) => [r.operation, r.changed_columns.includes('fetched_at') ? 'fetched_at' : '-']);
      },
    };
  }

  it('keeps the newer state when a copy fetched earlier commits later; the same instant or later is written', async () => {
    const r = await record();
    expect(await r.write(2, at(2))).toMatchObject({ created: 1 });
    expect(await r.write(1, at(1))).toMatchObject({ created: 0, updated: 0, unchanged: 1, changed: [] });
    expect(await r.stored()).toMatchObject({ content_hash: r.hashOf(2), fetched_at: at(2) });

    expect(await r.write(1, at(2))).toMatchObject({ updated: 1 });
    expect(await r.write(2, at(3))).toMatchObject({ updated: 1 });
    expect(await r.stored()).toMatchObject({ content_hash: r.hashOf(2), fetched_at: at(3) });
    // fetched_at is bookkeeping: no change lists it.
    expect(await r.audited()).toEqual([['insert', '-'], ['update', '-'], ['update', '-']]);
  });

  it('a re-fetch that finds the content unchanged still counts as newer (1, 2, then 1 again), and is not audited', async () => {
    const r = await record();
    await r.write(1, at(1));
    // At :02 a fetch sees version 2 and stalls; by :03 the record is back to 1, and that fetch commits first.
    expect(await r.write(1, at(3))).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await r.write(2, at(2))).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await r.stored()).toMatchObject({ content_hash: r.hashOf(1), fetched_at: at(3) });
    expect(await r.audited()).toEqual([['insert', '-']]);
  });

  it('a row stored before sql/012 (no fetched_at) takes any write, and any list read deletes it', async () => {
    const r = await record();
    await r.write(1, at(5));
    await r.forgetFetchTime();
    expect(await r.write(2, at(1))).toMatchObject({ updated: 1 });
    expect(await r.stored()).toMatchObject({ content_hash: r.hashOf(2), fetched_at: at(1), deleted_at: null });
    await r.forgetFetchTime();
    expect(await r.listWithout(at(0))).toBe(1);
  });

  it('a list read keeps a record fetched after it began, and a copy fetched before the list cannot undo its delete', async () => {
    const r = await record();
    await r.write(1, at(3)); // say a webhook re-fetch at :03 stored a record created at :02:30
    expect(await r.listWithout(at(2))).toBe(0); // the list read begun at :02 could not have seen it
    expect((await r.stored()).deleted_at).toBeNull();

    expect(await r.listWithout(at(4))).toBe(1);
    expect(await r.stored()).toMatchObject({ fetched_at: at(4) });
    expect(await r.write(1, at(3))).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await r.stored()).deleted_at).not.toBeNull();
    expect(await r.write(1, at(5))).toMatchObject({ updated: 1 }); // listed again after the delete: it is back
    expect((await r.stored()).deleted_at).toBeNull();
  });

  it('refuses a write that does not say when its rows were fetched', async () => {
    const r = await record();
    await expect(r.writeUntimed()).rejects.toThrow(/must say when its rows were fetched/);
  });
});
