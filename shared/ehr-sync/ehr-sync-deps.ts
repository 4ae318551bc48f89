/** The inputs and ports of one practice reconciliation. */
import type { Db } from '../db/create-db.js';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../time/clock.js';
import type { EhrProgress } from './practice-sync-summary.js';

export interface EhrSyncRequest {
  practiceId: string;
  kind: 'scheduled' | 'manual';
  /**
   * Run a full pass (ignore cursors: bulk backfill again): a manual run begins a
   * fresh one, a scheduled run continues the unfinished one. false still
   * continues an unfinished pass (see full-pass.ts, unfinishedFullPass).
   */
  full: boolean;
  correlationId?: string;
  onProgress?: (p: EhrProgress) => void;
}

export interface EhrSyncSettings {
  /** `since` = cursor − this (DrChrono's `since` is day-granular). */
  sinceOverlapHours: number;
  /** How far back an appointments backfill asks (appointments refuse a list without a date filter). */
  appointmentsBackfillDays: number;
  leaseSeconds: number;
  /** page_size for list calls; undefined = DrChrono's default. */
  pageSize?: number;
  /** A practice is due when its last run started this long ago. */
  syncIntervalMinutes: number;
}

export interface EhrSyncDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  /** Opens the practice's DrChrono API (tokens from the secret store, the practice's hourly budget). */
  openApi(practiceId: string): Promise<DrChronoApi>;
  /** Identifies this instance in practice_sync_leases. */
  holderId: string;
  /** New run ids (uuid); defaults to crypto.randomUUID. */
  newId?: () => string;
  settings: EhrSyncSettings;
}
