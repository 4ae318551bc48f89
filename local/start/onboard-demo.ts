/** Onboards the demo pharmacies through the same path as POST /pharmacies, then runs their first sync. */
import { addPharmacy, onboardingDeps } from '../../shared/pharmacies/index.js';
import { createSyncDeps } from '../../shared/runtime/sync-deps.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { syncPharmacy } from '../../shared/sync/sync-pharmacy.js';
import type { SyncSummary } from '../../shared/sync/sync-summary.js';
import { DEMO_REQUESTS_PER_SECOND } from './demo-stores.js';
import type { DemoSandbox } from './demo-sandbox.js';

/** Adds (or updates) every demo store as a pharmacy: heartbeat, key in the secret store, webhooks. */
export async function onboardDemoPharmacies(rt: Runtime, demo: DemoSandbox, say: (line: string) => void): Promise<void> {
  for (const { demo: store, apiKey, baseUrl } of demo.stores) {
    const result = await addPharmacy(onboardingDeps(rt), {
      id: store.id,
      name: store.name,
      drxBaseUrl: baseUrl,
      apiKey,
      requestsPerSecond: DEMO_REQUESTS_PER_SECOND,
    });
    const hooks = result.webhooks.registered > 0 ? `${result.webhooks.registered} webhooks registered` : `no webhooks (${result.webhooks.skipped ?? 'skipped'})`;
    say(`${store.id}: ${result.created ? 'onboarded' : 'already onboarded, updated'} (key ${result.keyHint}, ${hooks})`);
  }
}

/** Runs a manual sync of each demo pharmacy and prints its one-line summary. */
export async function firstSyncs(rt: Runtime, demo: DemoSandbox, say: (line: string) => void): Promise<SyncSummary[]> {
  const deps = createSyncDeps(rt);
  const summaries: SyncSummary[] = [];
  for (const { demo: store } of demo.stores) {
    const summary = await syncPharmacy(deps, { pharmacyId: store.id, kind: 'manual', full: false });
    say(`${summary.message} (${summary.status}, ${(summary.durationMs / 1000).toFixed(1)} s)`);
    summaries.push(summary);
  }
  return summaries;
}
