/** Runs a CLI's main: maps errors to one clear line on stderr and an exit code. */
import { AppError } from '../../shared/errors/app-error.js';
import { scrubSecrets } from '../../shared/log/mask.js';

/** Exit codes of `npm run sync`: 0 succeeded, 2 partial, 1 failed or any error. */
export const EXIT = { ok: 0, failed: 1, partial: 2 } as const;

/** One line for an error; AppError messages are written to be safe to show, others are scrubbed of `secrets`. */
export function describeCliError(err: unknown, secrets: readonly string[] = []): string {
  if (err instanceof AppError) {
    const runId = err.details.runId;
    const suffix = typeof runId === 'string' && !err.message.includes(runId) ? ` (running run: ${runId})` : '';
    return `error: ${err.message}${suffix}`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `error: ${scrubSecrets(message, secrets)}`;
}

/** Awaits `main`, sets the exit code, and never lets a secret reach the terminal through an error. */
export async function runCli(main: () => Promise<number>, secrets: () => readonly string[] = () => []): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    process.stderr.write(`${describeCliError(err, secrets())}\n`);
    process.exitCode = EXIT.failed;
  }
}
