/** One integration_logs row per clinic delivery (DrChrono webhook or Deep Cura gridhook), practice-scoped. */
import type { Db } from '../db/create-db.js';
import { writeIntegrationLog, type IntegrationLogRow } from '../db/write-integration-log.js';

export interface ClinicDeliveryLog extends Omit<IntegrationLogRow, 'source' | 'kind' | 'pharmacyId' | 'practiceId' | 'stream'> {
  source: 'drchrono' | 'deepcura';
  /** 'webhook' for a live delivery, 'retry' when the retry worker applies it. */
  kind: 'webhook' | 'retry';
  practiceId: string | null;
  /** The mirror table the delivery touched, when it got that far. */
  stream: string | null;
}

/** Inserts the delivery's finished row (never pharmacy-scoped). */
export async function writeClinicDeliveryLog(db: Db, input: ClinicDeliveryLog): Promise<void> {
  await writeIntegrationLog(db, { ...input, pharmacyId: null });
}
