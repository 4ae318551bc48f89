/**
 * The per-patient streams (medications, problems, allergies, insurance) for
 * every queued patient: those the patients stream created or updated, and
 * those applied webhook deliveries named (queued by the delivery itself). One
 * patient = one transaction.
 */
import type { Db } from '../db/create-db.js';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import { describeRunError, type RunError } from '../sync/run-error.js';
import type { Clock } from '../time/clock.js';
import { PATIENT_STREAMS, type PatientStream } from './ehr-streams.js';
import { fetchPatientRecords } from './fetch-patient-records.js';
import { listPendingPatients } from './pending-patients.js';
import { addEhrCounts, emptyEhrCounts, type EhrCounts, type EhrStreamResult } from './practice-sync-summary.js';
import { writePatientRecords } from './write-patient-records.js';

export interface PatientRecordsContext {
  db: Db;
  api: DrChronoApi;
  /** Stamps when each list read started, which orders its writes against webhook re-fetches. */
  clock: Clock;
  practiceId: string;
  runId: string;
  pageSize?: number;
  /** Errors that end the whole run (budget spent, token refused, lease lost) rather than one patient. */
  stopCodes: ReadonlySet<string>;
  /** Runs after each stored patient (lease renewal, progress); throwing stops the loop. */
  afterPatient(done: number, counts: EhrCounts): Promise<void>;
}

export interface PatientRecordsOutcome {
  streams: Record<PatientStream, EhrStreamResult>;
  /** Set when a run-stopping error ended the loop; the unfinished patients stay queued. */
  stoppedBy: RunError | null;
}

/**
 * Never throws. A patient that fails for its own reasons is counted failed and
 * stays queued for the next run while the others continue; a stop code ends
 * the loop at once.
 */
export async function syncPatientRecords(ctx: PatientRecordsContext): Promise<PatientRecordsOutcome> {
  const counts = { medications: emptyEhrCounts(), problems: emptyEhrCounts(), allergies: emptyEhrCounts(), insurances: emptyEhrCounts() };
  let firstError: RunError | null = null;
  let stoppedBy: RunError | null = null;
  let done = 0;
  try {
    for (const queued of await listPendingPatients(ctx.db, ctx.practiceId)) {
      try {
        const records = await fetchPatientRecords(ctx.api, ctx.clock, queued.patientId, ctx.pageSize);
        const written = await writePatientRecords(ctx.db, ctx, records, queued);
        for (const s of PATIENT_STREAMS) addEhrCounts(counts[s], written[s]);
        done++;
      } catch (err) {
        const e = describeRunError(err);
        firstError ??= e;
        if (ctx.stopCodes.has(e.code)) {
          stoppedBy = e;
          break;
        }
        for (const s of PATIENT_STREAMS) counts[s].failed++;
        continue;
      }
      await ctx.afterPatient(done, sumOf(counts));
    }
  } catch (err) {
    firstError ??= describeRunError(err);
    stoppedBy ??= ctx.stopCodes.has(firstError.code) ? firstError : null;
  }
  const result = (s: PatientStream): EhrStreamResult =>
    firstError
      ? { ...counts[s], status: 'failed', pages: done, error: firstError.message, errorCode: firstError.code }
      : { ...counts[s], status: 'succeeded', pages: done };
  return {
    streams: { medications: result('medications'), problems: result('problems'), allergies: result('allergies'), insurances: result('insurances') },
    stoppedBy,
  };
}

function sumOf(counts: Record<PatientStream, EhrCounts>): EhrCounts {
  const total = emptyEhrCounts();
  for (const s of PATIENT_STREAMS) addEhrCounts(total, counts[s]);
  return total;
}
