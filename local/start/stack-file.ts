/**
 * `.data/local-stack.json`: where a running `npm start` tells the CLIs its database and
 * dev-server URLs, so `npm run sync` works beside it without setting DATABASE_URL.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StackInfo {
  pid: number;
  databaseUrl: string;
  publicBaseUrl: string;
}

const fileIn = (dataDir: string) => join(dataDir, 'local-stack.json');

/** Records the running stack (mode 0600: the URL carries the local database password). */
export async function writeStackFile(dataDir: string, info: StackInfo): Promise<void> {
  await writeFile(fileIn(dataDir), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

/** Forgets the stack on shutdown. */
export async function removeStackFile(dataDir: string): Promise<void> {
  await rm(fileIn(dataDir), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running stack, or undefined when none is recorded or its process is gone. */
export async function readRunningStack(dataDir: string): Promise<StackInfo | undefined> {
  const text = await readFile(fileIn(dataDir), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    const info = JSON.parse(text) as StackInfo;
    return typeof info.pid === 'number' && typeof info.databaseUrl === 'string' && isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}
