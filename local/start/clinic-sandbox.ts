/** Starts the DrChrono sandbox with the demo practice, generated as of a fixed epoch so restarts see the same records. */
import { startDrChronoSandbox, type DrChronoSandbox, type PracticeOptions, type SandboxPractice } from '../drchrono-sandbox/index.js';

export interface ClinicSandbox {
  sandbox: DrChronoSandbox;
  practice: SandboxPractice;
  /** The practice's display name, as we connect it. */
  name: string;
}

export interface ClinicSandboxOptions {
  /** Generation "now": records are dated relative to it (see demoEpoch). */
  epoch: Date;
  /** 0 or absent: a free port. */
  port?: number;
  /** Fixed for `npm start` (same ids every start); absent: random (tests sharing a database). */
  idBase?: number;
  practice: PracticeOptions & { name: string };
}

/** Starts the sandbox and adds the practice. */
export async function startClinicSandbox(opts: ClinicSandboxOptions): Promise<ClinicSandbox> {
  // Generation reads the clock at the epoch; afterwards (tokens, the hourly budget, mutations) it is real time.
  let generating = true;
  const sandbox = await startDrChronoSandbox({
    port: opts.port ?? 0,
    idBase: opts.idBase,
    now: () => (generating ? new Date(opts.epoch) : new Date()),
  });
  try {
    const practice = sandbox.addPractice(opts.practice);
    generating = false;
    return { sandbox, practice, name: opts.practice.name };
  } catch (err) {
    await sandbox.close();
    throw err;
  }
}
