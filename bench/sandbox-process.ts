// The DRX sandbox in its own process, so generating and serving pages does not
// share the benchmark's event loop (these machines have 2 cores). Speaks JSON
// lines: prints {"ready":true,"url":…} once, then answers each stdin command
// {"id","cmd","args"} with {"id","ok","result"|"error"}.
import { createInterface } from 'node:readline';
import { startDrxSandbox } from '../local/drx-sandbox/index.js';
import type { FaultPlan, SandboxStoreOptions } from '../local/drx-sandbox/index.js';

interface Command {
  id: number;
  cmd: string;
  args: Record<string, unknown>;
}

const sandbox = await startDrxSandbox({ port: 0 });

function reply(msg: object): void {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

// Commands take plain JSON arguments; the parent (sandbox-client.ts) is the only caller.
async function run(c: Command): Promise<unknown> {
  const slug = String(c.args.slug ?? '');
  switch (c.cmd) {
    case 'addStore': {
      const store = sandbox.addStore(c.args as unknown as SandboxStoreOptions);
      const { doctors, prescriptions, fills } = store.data;
      return {
        baseUrl: sandbox.baseUrlFor(store.slug),
        counts: { doctors: doctors.length, prescriptions: prescriptions.length, fills: fills.length },
      };
    }
    case 'change': {
      const store = sandbox.store(slug);
      const fraction = Number(c.args.fraction);
      const rxIds = store.changePrescriptions(fraction);
      const fillIds = new Set(store.changeFills(fraction));
      // A fill change also shows in its prescription's nested fills, so that prescription changes too.
      const touched = new Set(rxIds);
      for (const f of store.data.fills) if (fillIds.has(f.id)) touched.add(f.prescription_id);
      return { prescriptions: rxIds.length, fills: fillIds.size, prescriptionsTouched: touched.size };
    }
    case 'setFaults':
      sandbox.store(slug).setFaults(c.args.plan as FaultPlan);
      return null;
    case 'stats':
      return sandbox.store(slug).stats();
    case 'resetStats':
      sandbox.store(slug).resetStats();
      return null;
    case 'close':
      await sandbox.close();
      setImmediate(() => process.exit(0));
      return null;
    default:
      throw new Error(`unknown command ${c.cmd}`);
  }
}

reply({ ready: true, url: sandbox.url });
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const c = JSON.parse(line) as Command;
  run(c).then(
    (result) => reply({ id: c.id, ok: true, result }),
    (err: unknown) => reply({ id: c.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
// The parent died or closed our stdin: do not linger.
lines.on('close', () => void sandbox.close().finally(() => process.exit(0)));
