/** The human side of a run's outcome: its status, the CRM highlights and the one-line message. */
import type { RunStatus } from '../db/database.js';
import type { DrxStream } from './page-source.js';
import type { StreamResult } from './sync-summary.js';

const MAX_HIGHLIGHTS = 5;

/** succeeded when every attempted stream succeeded, failed when none did (or the run was stopped), else partial. */
export function runStatus(streams: Record<DrxStream, StreamResult>, stopped: boolean): Exclude<RunStatus, 'running'> {
  if (stopped) return 'failed';
  const results = Object.values(streams);
  const failed = results.filter((r) => r.status === 'failed').length;
  const succeeded = results.filter((r) => r.status === 'succeeded').length;
  if (failed === 0 && succeeded > 0) return 'succeeded';
  return succeeded === 0 ? 'failed' : 'partial';
}

/** "Dr. Smith has 2 new Rxs" for the prescribers with the most new prescriptions (names only, no patient data). */
export function highlights(createdByPrescriber: ReadonlyMap<string, { count: number; name: string | null }>): string[] {
  return [...createdByPrescriber.values()]
    .filter((e): e is { count: number; name: string } => e.count > 0 && !!e.name)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, MAX_HIGHLIGHTS)
    .map((e) => `Dr. ${e.name} has ${plural(e.count, 'new Rx', 'new Rxs')}`);
}

/** "ph_demo_1: 37 new prescribers, 2,410 new Rxs, 3 invalid records skipped" plus any failure. */
export function runMessage(r: {
  pharmacyId: string;
  status: RunStatus;
  newPrescribers: number;
  newPrescriptions: number;
  invalid: number;
  streams: Record<DrxStream, StreamResult>;
}): string {
  const parts = [plural(r.newPrescribers, 'new prescriber', 'new prescribers'), plural(r.newPrescriptions, 'new Rx', 'new Rxs')];
  if (r.invalid > 0) parts.push(plural(r.invalid, 'invalid record skipped', 'invalid records skipped'));
  let message = `${r.pharmacyId}: ${parts.join(', ')}`;
  const failed = (Object.entries(r.streams) as [DrxStream, StreamResult][])
    .filter(([, s]) => s.status === 'failed')
    .map(([name, s]) => `${name} failed (${s.errorCode ?? 'internal'})`);
  if (r.status !== 'succeeded') message += `; ${r.status}${failed.length ? `: ${failed.join(', ')}` : ''}`;
  return message;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
