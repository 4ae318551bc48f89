/** Builds the Kysely instance and its pg pool, with type parsers set once. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

// pg returns int8/numeric as strings to avoid precision loss. Our bigint ids stay
// strings (they are identifiers); numeric quantities become numbers; `date`
// stays the 'YYYY-MM-DD' text so no time zone shifts it.
const NUMERIC_OID = 1700;
const DATE_OID = 1082;
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));
pg.types.setTypeParser(DATE_OID, (v: string) => v);

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** How long a caller waits for a pooled connection (or a new one to open) before failing, by default. */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens a pool to `connectionString`; `max` bounds connections per instance. `connectTimeoutMs` bounds the
 * wait for a connection: pg's default is to wait forever, and a request stuck behind an exhausted pool
 * would then outlive its function's timeout while its instance is sent more work.
 */
export function createDb(connectionString: string, opts: { max?: number; applicationName?: string; connectTimeoutMs?: number } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'rxbridge',
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  // An idle client error (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Kysely ends the pool only if it ever used it; callers that went straight to
  // `pool` (LISTEN, migrations) would otherwise hang until the idle timeout.
  const close = async (): Promise<void> => {
    await db.destroy();
    if (!pool.ended) await pool.end();
  };
  return { db, pool, close };
}
