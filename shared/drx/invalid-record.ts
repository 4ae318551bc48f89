/** Builds a DRX InvalidRecord from zod issues: field paths and rules only, never the offending values. */
import type { z } from 'zod';
import { describeIssues } from '../wire/wire-issues.js';
import type { InvalidRecord } from './rows.js';

/** The record's own id when it carries a usable one, else the caller's fallback (e.g. unknown@<index>). */
export function externalIdOf(wire: unknown, fallbackId: string): string {
  if (typeof wire !== 'object' || wire === null) return fallbackId;
  const id = (wire as Record<string, unknown>).id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id === 'string' && id.trim() !== '') return id.trim();
  return fallbackId;
}

/** The InvalidRecord for a record that failed its schema. */
export function invalidRecord(wire: unknown, error: z.ZodError, fallbackId: string): InvalidRecord {
  return { externalId: externalIdOf(wire, fallbackId), reason: describeIssues(error) };
}
