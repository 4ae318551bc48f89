/** Where a sync's database time goes: a Kysely over the same pool that sums query durations by statement kind. */
import { Kysely, PostgresDialect } from 'kysely';
import type { LogEvent } from 'kysely';
import type pg from 'pg';
import type { Db } from '../shared/db/create-db.js';
import type { Database } from '../shared/db/database.js';

export interface QuerySpan {
  label: string;
  count: number;
  ms: number;
}

export interface SpannedDb {
  db: Db;
  /** Spans since the last reset, largest first. */
  spans(): QuerySpan[];
  reset(): void;
  /** Destroys this Kysely (and so the pool under it). */
  close(): Promise<void>;
}

// "insert prescription_fills", "select prescriptions", "begin": the verb and the first table named.
function labelOf(sqlText: string): string {
  const text = sqlText.replace(/\s+/g, ' ').trim().toLowerCase();
  const verb = /^\w+/.exec(text)?.[0] ?? '?';
  const table = /\b(?:into|from|update)\s+"?(\w+)/.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** Wraps `pool` in a Kysely whose every query is timed (the pool is what the sync's Db would use anyway). */
export function spannedDb(pool: pg.Pool): SpannedDb {
  let byLabel = new Map<string, QuerySpan>();
  const log = (e: LogEvent): void => {
    const label = labelOf(e.query.sql);
    const span = byLabel.get(label) ?? { label, count: 0, ms: 0 };
    span.count += 1;
    span.ms += e.queryDurationMillis;
    byLabel.set(label, span);
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return {
    db,
    spans: () => [...byLabel.values()].sort((a, b) => b.ms - a.ms),
    reset: () => {
      byLabel = new Map();
    },
    close: () => db.destroy(),
  };
}
