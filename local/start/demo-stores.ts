/** The demo pharmacies `npm start` serves from the DRX sandbox: fixed seeds, so every start has the same data. */
import { createHash } from 'node:crypto';

export interface DemoStore {
  id: string;
  name: string;
  seed: number;
  doctors: number;
  prescriptions: number;
  invalidDoctors: number;
  invalidPrescriptions: number;
  invalidFills: number;
}

export const DEMO_STORES: readonly DemoStore[] = [
  { id: 'ph_demo_1', name: 'Demo Pharmacy One', seed: 802_601, doctors: 40, prescriptions: 2_400, invalidDoctors: 1, invalidPrescriptions: 1, invalidFills: 1 },
  { id: 'ph_demo_2', name: 'Demo Pharmacy Two', seed: 802_602, doctors: 25, prescriptions: 1_600, invalidDoctors: 0, invalidPrescriptions: 0, invalidFills: 0 },
];

/**
 * The store's DRX key, derived from its seed: the sandbox is regenerated on every start
 * and must accept the key kept in the secret store from the first start.
 */
export function demoApiKey(seed: number): string {
  return `DRX${createHash('sha256').update(`rxbridge-demo-store:${seed}`).digest('hex').slice(0, 32)}`;
}

/** The demo pharmacies' DRX request budget: fast enough for a demo, still exercising the limiter. */
export const DEMO_REQUESTS_PER_SECOND = 20;
