/** Wires the reconciliation's ports from the Runtime. */
import { openDrChronoApi } from '../drchrono/open-drchrono-api.js';
import { createTokenManager, type TokenManager } from '../drchrono/token-manager.js';
import type { Runtime } from '../runtime/runtime.js';
import type { EhrSyncDeps } from './ehr-sync-deps.js';

// One token manager per instance, so its token cache serves every run (deps are built per request).
const tokenManagers = new WeakMap<Runtime, TokenManager>();

function tokensOf(rt: Runtime): TokenManager {
  let tokens = tokenManagers.get(rt);
  if (!tokens) {
    tokens = createTokenManager({ db: rt.db, secrets: rt.secrets, clock: rt.clock, log: rt.log, config: rt.config });
    tokenManagers.set(rt, tokens);
  }
  return tokens;
}

/** EhrSyncDeps whose openApi reads the practice's tokens from the secret store and spends its hourly budget. */
export function createEhrSyncDeps(rt: Runtime): EhrSyncDeps {
  return {
    db: rt.db,
    log: rt.log,
    clock: rt.clock,
    holderId: rt.instanceId,
    settings: {
      sinceOverlapHours: rt.config.DRCHRONO_SINCE_OVERLAP_HOURS,
      appointmentsBackfillDays: rt.config.DRCHRONO_APPOINTMENTS_BACKFILL_DAYS,
      leaseSeconds: rt.config.SYNC_LEASE_SECONDS,
      syncIntervalMinutes: rt.config.DRCHRONO_SYNC_INTERVAL_MINUTES,
    },
    openApi: (practiceId) =>
      openDrChronoApi({ db: rt.db, secrets: rt.secrets, clock: rt.clock, log: rt.log, config: rt.config, tokens: tokensOf(rt) }, practiceId),
  };
}
