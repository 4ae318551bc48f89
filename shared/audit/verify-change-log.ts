/**
 * Walks change_log in id order, batch by batch, and checks every link: each
 * row's prev_hash is the previous row's hash, and its hash is what its own
 * contents give. Recomputed here, not by the database's function, so a
 * tampered trigger or function cannot vouch for itself.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { changeLogHash, GENESIS_HASH } from './change-log-hash.js';

export type VerifyResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: string; reason: string };

export interface VerifyOptions {
  /** Start at this change_log id (its predecessor's stored hash is trusted as the anchor). */
  fromId?: string;
  batchSize?: number;
}

interface LinkRow {
  id: string;
  table_name: string;
  operation: string;
  row_id: string;
  drchrono_id: string | null;
  actor: string;
  changed_at: string;
  changed_columns: string[];
  prev_hash: string;
  hash: string;
}

async function anchorHash(db: Db, fromId: string | undefined): Promise<string> {
  if (fromId === undefined) return GENESIS_HASH;
  const prior = await sql<{ hash: string }>`
    select hash from change_log where id < ${fromId}::bigint order by id desc limit 1`.execute(db);
  return prior.rows[0]?.hash ?? GENESIS_HASH;
}

/** Verifies the chain from `fromId` (default: the start) to the last row; names the first broken link. */
export async function verifyChangeLog(db: Db, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 1000;
  let expectedPrev = await anchorHash(db, opts.fromId);
  let after = opts.fromId === undefined ? '0' : (BigInt(opts.fromId) - 1n).toString();
  let checked = 0;
  for (;;) {
    const batch = await sql<LinkRow>`
      select id::text as id, table_name, operation, row_id::text as row_id, drchrono_id, actor,
        to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as changed_at,
        changed_columns, prev_hash, hash
      from change_log where change_log.id > ${after}::bigint order by change_log.id limit ${batchSize}`.execute(db);
    for (const row of batch.rows) {
      if (row.prev_hash !== expectedPrev) {
        return { ok: false, checked, firstBrokenId: row.id, reason: 'prev_hash is not the previous row hash (a row was removed, inserted or altered before it)' };
      }
      const recomputed = changeLogHash({
        prevHash: row.prev_hash,
        tableName: row.table_name,
        operation: row.operation,
        rowId: row.row_id,
        drchronoId: row.drchrono_id,
        actor: row.actor,
        changedAt: row.changed_at,
        changedColumns: row.changed_columns,
      });
      if (recomputed !== row.hash) {
        return { ok: false, checked, firstBrokenId: row.id, reason: 'hash does not match the row contents (the row was altered)' };
      }
      checked++;
      expectedPrev = row.hash;
      after = row.id;
    }
    if (batch.rows.length < batchSize) return { ok: true, checked };
  }
}
