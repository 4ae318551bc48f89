/** What every scenario is handed by bench/run.ts. */
import type { BenchServer } from '../bench-db.js';
import type { BenchEngine } from '../engine-port.js';
import type { SandboxProcess } from '../sandbox-client.js';

export interface BenchContext {
  server: BenchServer;
  sandbox: SandboxProcess;
  engine: BenchEngine;
}

/** A fresh DRX-shaped key per store: 'DRX' + 32 hex. */
export function benchApiKey(n: number): string {
  return `DRX${n.toString(16).padStart(32, '0')}`;
}
