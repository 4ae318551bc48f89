/** Runs one of our CLIs as a real child process (`node --import tsx local/cli/<name>.ts …`). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../local/start/repo-paths.js';

export interface CliRun {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  /** Piped to stdin (then closed); without it stdin is closed at once. */
  input?: string;
  /** Sees each stdout line as it arrives (to kill the child at a chosen point). */
  onLine?: (line: string, run: CliRun) => void;
}

/** Spawns the CLI with the given environment on top of this process's. */
export function spawnCli(name: string, args: string[], opts: SpawnOptions): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', `local/cli/${name}.ts`, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(opts.input ?? '');
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const run: CliRun = {
    child,
    lines: [],
    stderr: () => err,
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    run.lines.push(line);
    opts.onLine?.(line, run);
  });
  return run;
}
