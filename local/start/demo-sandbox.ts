/** Starts the DRX sandbox with the demo stores, generated as of a fixed epoch so restarts see the same records. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDrxSandbox, type DrxSandbox, type SandboxStore } from '../drx-sandbox/index.js';
import { DEMO_STORES, demoApiKey, type DemoStore } from './demo-stores.js';

export interface DemoSandbox {
  sandbox: DrxSandbox;
  stores: Array<{ demo: DemoStore; store: SandboxStore; apiKey: string; baseUrl: string }>;
}

/**
 * The instant the demo data was first generated, kept in `.data/sandbox-epoch`: the
 * generator dates records relative to "now", so a fixed epoch keeps them (and their
 * content hashes) identical across restarts. The DrChrono sandbox shares it.
 */
export async function demoEpoch(dataDir: string): Promise<Date> {
  const file = join(dataDir, 'sandbox-epoch');
  const stored = await readFile(file, 'utf8').catch(() => '');
  const parsed = new Date(stored.trim());
  if (stored && !Number.isNaN(parsed.getTime())) return parsed;
  const now = new Date();
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${now.toISOString()}\n`);
  return now;
}

/** Starts the sandbox on `port` (0: a free port) with every demo store; `rateLimitPerSecond` is off unless given. */
export async function startDemoSandbox(opts: { dataDir: string; port: number; rateLimitPerSecond?: number }): Promise<DemoSandbox> {
  const epoch = await demoEpoch(opts.dataDir);
  const sandbox = await startDrxSandbox({ port: opts.port });
  const stores = DEMO_STORES.map((demo) => {
    // Generation reads the clock once, at the epoch; later mutations (new Rxs) are dated now.
    let generating = true;
    const apiKey = demoApiKey(demo.seed);
    const store = sandbox.addStore({
      slug: demo.id,
      apiKey,
      seed: demo.seed,
      doctors: demo.doctors,
      prescriptions: demo.prescriptions,
      invalidDoctors: demo.invalidDoctors,
      invalidPrescriptions: demo.invalidPrescriptions,
      invalidFills: demo.invalidFills,
      now: () => (generating ? new Date(epoch) : new Date()),
    });
    generating = false;
    if (opts.rateLimitPerSecond) store.setFaults({ rateLimitPerSecond: opts.rateLimitPerSecond });
    return { demo, store, apiKey, baseUrl: sandbox.baseUrlFor(demo.id) };
  });
  return { sandbox, stores };
}
