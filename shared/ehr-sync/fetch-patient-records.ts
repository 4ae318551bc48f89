/** Reads one patient's per-patient lists (every page) and verbose record from DrChrono; no writes. */
import type { DrChronoApi, ListQuery } from '../drchrono/drchrono-api.js';
import type { PatientListKind } from '../ehr-store/index.js';

export const PATIENT_LIST_KINDS: readonly PatientListKind[] = ['medications', 'problems', 'allergies'];

export interface PatientRecords {
  patientId: string;
  lists: Record<PatientListKind, unknown[]>;
  /** The verbose patient (insurance lives only there); null when DrChrono answered 404. */
  verbose: unknown;
}

/** Fetches medications, problems and allergies (`?patient=`, following `next`) and the verbose patient. */
export async function fetchPatientRecords(api: DrChronoApi, patientId: string, pageSize?: number): Promise<PatientRecords> {
  const lists = { medications: [], problems: [], allergies: [] } as Record<PatientListKind, unknown[]>;
  for (const kind of PATIENT_LIST_KINDS) {
    let query: ListQuery | { nextUrl: string } = { patient: patientId, ...(pageSize ? { pageSize } : {}) };
    for (;;) {
      const page = await api.list(kind, query);
      lists[kind].push(...page.results);
      if (page.next === null) break;
      query = { nextUrl: page.next };
    }
  }
  const verbose = await api.get('patients', patientId, { verbose: true });
  return { patientId, lists, verbose };
}
