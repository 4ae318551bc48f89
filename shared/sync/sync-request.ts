/** The inputs and ports of one pharmacy sync. */
import type { Db } from '../db/create-db.js';
import type { RunKind } from '../db/database.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../time/clock.js';
import type { PageSource } from './page-source.js';
import type { PageProgress } from './sync-summary.js';

export interface SyncRequest {
  pharmacyId: string;
  kind: RunKind;
  /** Ignore cursors: a complete re-sync (also the nightly reconciliation). */
  full: boolean;
  correlationId?: string;
  onProgress?: (p: PageProgress) => void;
}

/** What the engine needs to know about the pharmacy's integration to open its source. */
export interface DrxIntegrationInfo {
  pharmacyId: string;
  baseUrl: string;
  requestsPerSecond: number;
  secretRef: string;
}

export interface SyncDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  /** Opens the pharmacy's page source (reads its key from the secret store, applies its budget). */
  openSource(integration: DrxIntegrationInfo): Promise<PageSource>;
  /** Identifies this instance in sync_leases. */
  holderId: string;
  /** New run ids (uuid); defaults to crypto.randomUUID. */
  newId?: () => string;
  settings: {
    pageSize: number;
    cursorOverlapMinutes: number;
    leaseSeconds: number;
    prefetchPages: number;
  };
}
