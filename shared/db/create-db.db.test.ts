import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/support/test-db.js';
import { createDb } from './create-db.js';

describe('createDb', () => {
  it('fails a query that cannot get a connection in time instead of waiting forever, and serves again once one is free', async () => {
    const h = createDb(testDatabaseUrl(), { max: 1, connectTimeoutMs: 200 });
    try {
      const held = await h.pool.connect(); // the pool's only connection
      const started = Date.now();
      await expect(sql`select 1`.execute(h.db)).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      held.release();
      const row = await sql<{ one: number }>`select 1 as one`.execute(h.db);
      expect(row.rows).toEqual([{ one: 1 }]);
    } finally {
      await h.close();
    }
  });
});
