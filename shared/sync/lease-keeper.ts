/** Keeps a run's sync lease alive without a database round trip on every page. */
import type { Db } from '../db/create-db.js';
import type { Clock } from '../time/clock.js';
import { leaseLostError, renewLease, type LeaseKey } from './sync-lease.js';

export interface LeaseKeeper {
  /** Renews the lease when a third of its lifetime has passed; throws sync_lease_lost when it is no longer ours. */
  keepAlive(): Promise<void>;
}

/**
 * Renewing at a third of the TTL leaves two thirds as headroom for a slow page,
 * and a lease can only expire (and be taken over) after a gap of a whole TTL,
 * which always makes the next check due — so a takeover is still noticed at the
 * first page after it, as with a renewal on every page.
 */
export function createLeaseKeeper(db: Db, clock: Clock, key: LeaseKey & { ttlSeconds: number }): LeaseKeeper {
  const intervalMs = (key.ttlSeconds * 1000) / 3;
  let lastRenewal = clock.now().getTime();
  return {
    async keepAlive() {
      const now = clock.now().getTime();
      if (now - lastRenewal < intervalMs) return;
      if (!(await renewLease(db, key))) {
        throw leaseLostError(key.pharmacyId);
      }
      lastRenewal = now;
    },
  };
}
