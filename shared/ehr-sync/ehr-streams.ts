/** The streams of a DrChrono reconciliation and the order they run in. */

/** Streams with a `since` cursor in practice_sync_cursors. */
export type CursorStream = 'patients' | 'appointments' | 'clinical_notes' | 'line_items';

/** Fetched per changed patient (no `since` on DrChrono's side). */
export type PatientStream = 'medications' | 'problems' | 'allergies' | 'insurances';

export type EhrStream = CursorStream | PatientStream;

/** Patients first (they queue the per-patient work), then what references them. */
export const CURSOR_STREAMS: readonly CursorStream[] = ['patients', 'appointments', 'clinical_notes', 'line_items'];

export const PATIENT_STREAMS: readonly PatientStream[] = ['medications', 'problems', 'allergies', 'insurances'];

/** The streams whose first backfill uses DrChrono's `*_list` bulk endpoints. */
export const BULK_STREAMS: ReadonlySet<CursorStream> = new Set(['patients', 'clinical_notes', 'line_items']);
