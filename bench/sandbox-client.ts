/** The benchmark's handle on the sandbox child process (bench/sandbox-process.ts). */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FaultPlan, SandboxStoreOptions, StoreStats } from '../local/drx-sandbox/index.js';

export interface StoreCounts {
  doctors: number;
  prescriptions: number;
  fills: number;
}

/** What the sandbox changed: edited prescriptions, edited fills, and prescriptions either edit touched. */
export interface ChangeResult {
  prescriptions: number;
  fills: number;
  prescriptionsTouched: number;
}

export interface SandboxProcess {
  url: string;
  addStore(opts: Omit<SandboxStoreOptions, 'now'>): Promise<{ baseUrl: string; counts: StoreCounts }>;
  /** changePrescriptions(fraction) then changeFills(fraction); returns how many of each changed. */
  change(slug: string, fraction: number): Promise<ChangeResult>;
  setFaults(slug: string, plan: FaultPlan): Promise<void>;
  stats(slug: string): Promise<StoreStats>;
  resetStats(slug: string): Promise<void>;
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  ok?: boolean;
  result?: unknown;
  error?: string;
  ready?: boolean;
  url?: string;
}

const SCRIPT = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));

/** Spawns the sandbox process and resolves once it listens. */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let onReady: ((url: string) => void) | undefined;
  const ready = new Promise<string>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) => reject(new Error(`sandbox process exited (${code ?? 'signal'})`)));
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as Reply;
    if (msg.ready && msg.url) return onReady?.(msg.url);
    const waiter = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!waiter || msg.id === undefined) return;
    pending.delete(msg.id);
    if (msg.ok) waiter.resolve(msg.result);
    else waiter.reject(new Error(`sandbox: ${msg.error ?? 'failed'}`));
  });
  child.once('exit', () => {
    for (const w of pending.values()) w.reject(new Error('sandbox process exited'));
    pending.clear();
  });
  const url = await ready;

  const call = <T>(cmd: string, args: object = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (v) => resolve(v as T), reject });
      child.stdin!.write(`${JSON.stringify({ id, cmd, args })}\n`);
    });

  return {
    url,
    addStore: (opts) => call('addStore', opts),
    change: (slug, fraction) => call('change', { slug, fraction }),
    setFaults: (slug, plan) => call('setFaults', { slug, plan }),
    stats: (slug) => call('stats', { slug }),
    resetStats: (slug) => call('resetStats', { slug }),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('close').catch(() => undefined);
      await exited;
    },
  };
}
