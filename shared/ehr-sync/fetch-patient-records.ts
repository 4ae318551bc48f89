/** Reads one patient's per-patient lists (every page) and verbose record from DrChrono; no writes. */
import type { DrChronoApi, ListQuery } from '../drchrono/drchrono-api.js';
import type { PatientListKind } from '../ehr-store/index.js';
import type { Clock } from '../time/clock.js';

export const PATIENT_LIST_KINDS: readonly PatientListKind[] = ['medications', 'problems', 'allergies'];

export interface PatientRecords {
  patientId: string;
  lists: Record<PatientListKind, unknown[]>;
  /**
   * When each list's first request started. A list of several pages counts as
   * read then: the earliest time it can claim, so it never passes for newer
   * than a fetch of one record that started while it was paging.
   */
  fetchedAt: Record<PatientListKind, Date>;
  /** The verbose patient (insurance lives only there); null when DrChrono answered 404. */
  verbose: unknown;
}

/** Fetches medications, problems and allergies (`?patient=`, following `next`) and the verbose patient. */
export async function fetchPatientRecords(api: DrChronoApi, clock: Clock, patientId: string, pageSize?: number): Promise<PatientRecords> {
  const lists = { medications: [], problems: [], allergies: [] } as Record<PatientListKind, unknown[]>;
  const fetchedAt = {} as Record<PatientListKind, Date>;
  for (const kind of PATIENT_LIST_KINDS) {
    let query: ListQuery | { nextUrl: string } = { patient: patientId, ...(pageSize ? { pageSize } : {}) };
    fetchedAt[kind] = clock.now();
    for (;;) {
      const page = await api.list(kind, query);
      lists[kind].push(...page.results);
      if (page.next === null) break;
      query = { nextUrl: page.next };
    }
  }
  const verbose = await api.get('patients', patientId, { verbose: true });
  return { patientId, lists, fetchedAt, verbose };
}
