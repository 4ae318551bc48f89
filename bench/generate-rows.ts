/**
 * The baseline's input: the same store generated again in this process (same
 * options and seed, so the same records up to timestamps) and mapped with the
 * shared/drx mappers, outside any timing. Cheaper than paging it over HTTP,
 * and it never touches the sandbox process the sync reads from.
 */
import { startDrxSandbox } from '../local/drx-sandbox/index.js';
import type { SandboxStoreOptions } from '../local/drx-sandbox/index.js';
import { mapDoctor } from '../shared/drx/map-doctor.js';
import { mapFill } from '../shared/drx/map-fill.js';
import { mapPrescription } from '../shared/drx/map-prescription.js';
import type { MapResult } from '../shared/drx/map-result.js';
import type { FillRow, PrescriberRow, PrescriptionRow } from '../shared/drx/rows.js';

export interface MappedRows {
  doctors: PrescriberRow[];
  prescriptions: PrescriptionRow[];
  fills: FillRow[];
}

function mapAll<T>(wire: readonly unknown[], map: (w: unknown) => MapResult<T>): T[] {
  const rows: T[] = [];
  for (const w of wire) {
    const m = map(w);
    if (m.ok) rows.push(m.row);
  }
  return rows;
}

/** Every valid record of a store made from `opts`, as our rows. */
export async function generateMappedRows(opts: Omit<SandboxStoreOptions, 'now'>): Promise<MappedRows> {
  // The sandbox's own generator; its server is closed again at once.
  const sandbox = await startDrxSandbox({ port: 0 });
  try {
    const { data } = sandbox.addStore(opts);
    return {
      doctors: mapAll(data.doctors, mapDoctor),
      prescriptions: mapAll(data.prescriptions, mapPrescription),
      fills: mapAll(data.fills, mapFill),
    };
  } finally {
    await sandbox.close();
  }
}
