// The `*_list` bulk flow (contract "Backfill"): POST creates a job holding a
// snapshot of the matching records; GET ?uuid= answers Pending for the first
// polls, then Complete with the snapshot paged.
import { randomUUID } from 'node:crypto';

/** The kinds with a bulk endpoint. */
export type BulkKind = 'patients' | 'clinical_notes' | 'line_items';

/** One bulk job. */
export interface BulkJob {
  uuid: string;
  practiceId: string;
  kind: BulkKind;
  records: { id: number | string }[];
  pageSize: number;
  polls: number;
}

/** Bulk jobs of the whole sandbox, found only by the practice that made them. */
export class BulkJobs {
  private readonly jobs = new Map<string, BulkJob>();

  /** Stores a job and returns its uuid. */
  create(practiceId: string, kind: BulkKind, records: { id: number | string }[], pageSize: number): string {
    const uuid = randomUUID();
    this.jobs.set(uuid, { uuid, practiceId, kind, records, pageSize, polls: 0 });
    return uuid;
  }

  /** The job, when it exists and belongs to that practice and kind. */
  find(uuid: string, practiceId: string, kind: BulkKind): BulkJob | undefined {
    const job = this.jobs.get(uuid);
    return job && job.practiceId === practiceId && job.kind === kind ? job : undefined;
  }
}
