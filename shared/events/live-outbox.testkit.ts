/** Test kit: live-update outbox rows, committed or held open in a transaction that has taken its id. */
import type pg from 'pg';
import type { Db } from '../db/create-db.js';
import { writeOutbox, type LiveUpdatePayload } from './write-outbox.js';

/** A sync summary for `pharmacyId`, told apart by `n`. */
export function livePayload(pharmacyId: string, n: number): LiveUpdatePayload {
  return { type: 'sync.completed', pharmacyId, newPrescribers: n, newPrescriptions: n, highlights: [], at: '2026-01-01T00:00:00Z' };
}

/** Commits one live-update row; returns its outbox id. */
export function commitLiveEvent(db: Db, pharmacyId: string, n: number): Promise<string> {
  return db.transaction().execute((trx) => writeOutbox(trx, 'live-updates', pharmacyId, livePayload(pharmacyId, n)));
}

/** Begins a transaction on `client` that inserts a live-update row and stays open; returns the row's id. */
export async function holdLiveEvent(client: pg.PoolClient, pharmacyId: string, n: number): Promise<string> {
  await client.query('begin');
  const held = await client.query<{ id: string }>(
    "insert into outbox (topic, pharmacy_id, payload) values ('live-updates', $1, $2) returning id::text as id",
    [pharmacyId, JSON.stringify(livePayload(pharmacyId, n))],
  );
  return held.rows[0]?.id ?? '';
}
