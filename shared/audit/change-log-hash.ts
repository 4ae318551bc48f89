/** The change_log chain link, computed in TypeScript independently of the SQL trigger that writes it. */
import { createHash } from 'node:crypto';

/** The 64 zeros the first row of the chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChangeLogLink {
  prevHash: string;
  tableName: string;
  operation: string;
  rowId: string;
  drchronoId: string | null;
  actor: string;
  /** changed_at in UTC with microseconds, as the database renders it: 2026-01-01T00:00:00.000000Z. */
  changedAt: string;
  changedColumns: readonly string[];
}

/** sha256 hex of the fields joined with '|', exactly as change_log_hash() in sql/004_ehr_audit_and_events.sql. */
export function changeLogHash(l: ChangeLogLink): string {
  const text = [
    l.prevHash,
    l.tableName,
    l.operation,
    l.rowId,
    l.drchronoId ?? '',
    l.actor,
    l.changedAt,
    l.changedColumns.join(','),
  ].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
