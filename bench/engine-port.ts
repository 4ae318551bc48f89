/** What the scenarios need from the sync engine, so they read the same whatever wires it (bench/engine.ts). */
import type { SyncSummary } from '../shared/sync/sync-summary.js';
import type { QuerySpan, SpannedDb } from './query-spans.js';
import type { FetchSpan } from './timed-source.js';

export interface SyncTarget {
  db: SpannedDb;
  pharmacyId: string;
  apiKey: string;
}

export interface EngineRun {
  summary: SyncSummary;
  seconds: number;
  /** Database time by statement kind. */
  queries: QuerySpan[];
  /** Page arrival time by stream. */
  fetches: FetchSpan[];
  /** Wall-clock seconds per stream, from the engine's progress callbacks. */
  streamSeconds: Record<string, number>;
  /** CPU this process spent during the run (the engine's own work: HTTP, mapping, hashing, pg encoding). */
  cpuSeconds: number;
  /** Event-loop delay during the run: how long ready work waited for the CPU. */
  loopLagMs: { mean: number; p99: number };
}

export interface BenchEngine {
  /** Runs syncPharmacy(kind manual) for the target and times it. */
  sync(target: SyncTarget, full: boolean): Promise<EngineRun>;
}
