/** Runs the webhook ingest scenario in its own process (bench/webhook-process.ts) and returns its targets. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TargetResult } from './report.js';

const SCRIPT = fileURLToPath(new URL('./webhook-process.ts', import.meta.url));

/** Its report lines go straight to this process's stdout; rejects when it exits without sending targets. */
export function runWebhookIngestInOwnProcess(adminUrl: string): Promise<TargetResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(SCRIPT, [adminUrl], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let targets: TargetResult[] | undefined;
    child.on('message', (m) => (targets = m as TargetResult[]));
    child.once('error', reject);
    child.once('exit', (code) => (targets && code === 0 ? resolve(targets) : reject(new Error(`webhook process exited ${code ?? 'by signal'} without its results`))));
  });
}
