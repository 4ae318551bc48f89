import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { migrate } from './migrate.js';

const h = openTestDb();
afterAll(() => h.close());

describe('migrations', () => {
  it('are already applied by the test setup, so a second run applies nothing', async () => {
    const result = await migrate(h.pool);
    expect(result.applied).toEqual([]);
    expect(result.skipped).toContain('001_core.sql');
  });

  it('return numeric as numbers, date as YYYY-MM-DD text and bigint ids as strings', async () => {
    const id = uniquePharmacyId();
    await h.db.insertInto('pharmacies').values({ id, name: 'Types' }).execute();
    const row = await h.db
      .insertInto('prescriptions')
      .values({
        pharmacy_id: id,
        external_id: '1',
        written_date: '2026-01-31',
        total_qty_remaining: '12.5',
        raw: JSON.stringify({}),
        content_hash: 'x',
      })
      .returning(['id', 'written_date', 'total_qty_remaining'])
      .executeTakeFirstOrThrow();
    expect(typeof row.id).toBe('string');
    expect(row.written_date).toBe('2026-01-31');
    expect(row.total_qty_remaining).toBe(12.5);
  });

  it('notify listeners when an outbox row commits', async () => {
    const client = await h.pool.connect();
    try {
      const got = new Promise<string>((resolve) => client.on('notification', (n) => resolve(n.payload ?? '')));
      await client.query('listen rxbridge_outbox');
      const row = await h.db
        .insertInto('outbox')
        .values({ topic: 't', payload: JSON.stringify({ a: 1 }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(await got).toBe(row.id);
    } finally {
      client.release();
    }
    expect((await sql<{ n: number }>`select 1 as n`.execute(h.db)).rows[0]?.n).toBe(1);
  });
});
