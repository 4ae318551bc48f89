import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/support/test-db.js';
import { createDb } from './create-db.js';
import { databaseUnavailable } from './database-unavailable.js';

describe('createDb', () => {
  it('fails a query that cannot get a connection in time instead of waiting forever, and serves again once one is free', async () => {
    const h = createDb(testDatabaseUrl(), { max: 1, connectTimeoutMs: 200 });
    try {
      const held = await h.pool.connect(); // the pool's only connection
      const started = Date.now();
      const timedOut = await sql`select 1`.execute(h.db).then(() => undefined, (e: unknown) => e);
      expect(String(timedOut)).toMatch(/timeout/i);
      expect(databaseUnavailable(timedOut)?.code).toBe('database_unavailable');
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      held.release();
      const row = await sql<{ one: number }>`select 1 as one`.execute(h.db);
      expect(row.rows).toEqual([{ one: 1 }]);
    } finally {
      await h.close();
    }
  });

  it('reports a refused connection and a backend terminated mid-session as database_unavailable', async () => {
    // A port nothing listens on: bind one, note it, close it.
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const nowhere = new URL(testDatabaseUrl());
    nowhere.hostname = '127.0.0.1';
    nowhere.port = String(port);
    const refused = createDb(nowhere.toString(), { max: 1, connectTimeoutMs: 2_000 });
    try {
      const err = await sql`select 1`.execute(refused.db).then(() => undefined, (e: unknown) => e);
      expect(databaseUnavailable(err)?.code).toBe('database_unavailable');
    } finally {
      await refused.close();
    }

    const h = createDb(testDatabaseUrl(), { max: 2 });
    try {
      const victim = await h.pool.connect();
      victim.on('error', () => undefined); // the pool would otherwise see the dropped socket as unhandled
      const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
      // Wait for the drop to reach the client, so the query below always meets a dead connection (not a race).
      const ended = new Promise((resolve) => victim.once('end', resolve));
      await sql`select pg_terminate_backend(${pid})`.execute(h.db);
      await ended;
      const err = await victim.query('select 1').then(() => undefined, (e: unknown) => e);
      victim.release(true);
      expect(err).toBeInstanceOf(Error);
      expect(databaseUnavailable(err)?.code).toBe('database_unavailable');
    } finally {
      await h.close();
    }
  });
});
