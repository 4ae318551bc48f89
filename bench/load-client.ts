/** Runs bench/load-process.ts in a child process against a URL and returns what autocannon measured. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadPlan {
  url: string;
  /** Webhook secret: each body is signed with its hex HMAC-SHA256. */
  secret: string;
  /** X-drchrono-event of every delivery. */
  event: string;
  /** Prefix of the delivery ids, unique per run so two runs never collide. */
  tag: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  total2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  sent: number;
  seconds: number;
  /** Latency to answer in ms (autocannon records 2xx latencies only). */
  p50: number;
  p99: number;
  /** Delivery ids that were answered 2xx. */
  answeredIds: string[];
}

const SCRIPT = fileURLToPath(new URL('./load-process.ts', import.meta.url));

/** Spawns the load process, waits for it to finish and parses its one-line report. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', reject);
    child.once('exit', (code) => {
      const out = Buffer.concat(chunks).toString('utf8').trim();
      if (code !== 0) return reject(new Error(`load process exited ${code ?? 'by signal'}`));
      try {
        resolve(JSON.parse(out.slice(out.lastIndexOf('\n') + 1)) as LoadResult);
      } catch {
        reject(new Error(`load process printed no result: ${out.slice(0, 200)}`));
      }
    });
  });
}
