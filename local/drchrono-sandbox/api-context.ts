// What an API route needs to answer one authenticated request.
import type { IncomingMessage } from 'node:http';
import type { BulkJobs } from './bulk-jobs.js';
import type { FaultState } from './fault-state.js';
import type { Practice } from './practice.js';

/** One request, after auth and budget have let it through. */
export interface ApiContext {
  req: IncomingMessage;
  practice: Practice;
  /** The absolute URL of this request at the origin serving it (next links are built from it). */
  self: URL;
  faults: FaultState;
  bulk: BulkJobs;
}
