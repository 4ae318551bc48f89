/** The demo DrChrono practice `npm start` connects: small enough to sync within DrChrono's hourly budget. */
import type { PracticeOptions } from '../drchrono-sandbox/index.js';

/** One practice; fixed seed and options, so every start generates the same records. */
export const DEMO_PRACTICE = {
  id: 'pr_demo_1',
  name: 'Demo Family Clinic',
  seed: 20_260_301,
  doctors: 3,
  offices: 2,
  patients: 60,
} as const satisfies PracticeOptions & { name: string };

/**
 * The sandbox's id base for `npm start`: fixed (the default is random, for tests sharing
 * a database), so a restart regenerates the same DrChrono ids and the mirror stays in step.
 */
export const DEMO_DRCHRONO_ID_BASE = 1;
