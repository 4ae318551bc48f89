/** Wires the sync engine's ports from the Runtime. */
import { createDrxPageSource } from '../drx/drx-page-source.js';
import { AppError } from '../errors/app-error.js';
import type { SyncDeps } from '../sync/sync-request.js';
import { drxClientFor } from './drx-client-for.js';
import type { Runtime } from './runtime.js';

/** SyncDeps whose openSource reads the pharmacy's key from the secret store (missing → permanent secret_missing). */
export function createSyncDeps(rt: Runtime): SyncDeps {
  return {
    db: rt.db,
    log: rt.log,
    clock: rt.clock,
    holderId: rt.instanceId,
    settings: {
      pageSize: rt.config.DRX_PAGE_SIZE,
      cursorOverlapMinutes: rt.config.DRX_CURSOR_OVERLAP_MINUTES,
      leaseSeconds: rt.config.SYNC_LEASE_SECONDS,
      prefetchPages: rt.config.DRX_PREFETCH_PAGES,
    },
    async openSource(integration) {
      const apiKey = await rt.secrets.get(integration.secretRef);
      if (!apiKey) {
        throw new AppError('permanent', 'secret_missing', `no DRX key in the secret store for ${integration.pharmacyId}`, {
          pharmacyId: integration.pharmacyId,
          secret: integration.secretRef,
        });
      }
      const client = drxClientFor(rt, {
        pharmacyId: integration.pharmacyId,
        baseUrl: integration.baseUrl,
        apiKey,
        requestsPerSecond: integration.requestsPerSecond,
      });
      return createDrxPageSource(client);
    },
  };
}
