// How a sandbox store is described, and the zod schema that checks it (both
// for addStore() and for POST /_sandbox/stores).
import { z } from 'zod';

/** Options for one sandbox store. */
export interface SandboxStoreOptions {
  /** Store slug, used as a path segment, e.g. 'ph_demo_1'. */
  slug: string;
  /** 'DRX' + 32 hex chars; requests must send it as X-DRX-Key. */
  apiKey: string;
  /** Seed for deterministic generation. */
  seed: number;
  /** Count of valid doctors. */
  doctors: number;
  /** Count of valid prescriptions. */
  prescriptions: number;
  /** Average fills per valid prescription (default 2); each gets 0..2*avg. */
  fillsPerPrescription?: number;
  /** Extra doctors with a bad-Luhn or missing NPI. */
  invalidDoctors?: number;
  /** Extra prescriptions with a negative quantity or no doctor. */
  invalidPrescriptions?: number;
  /** Extra fills with an unknown status or a negative dispensed quantity. */
  invalidFills?: number;
  /** Clock for created_at/updated_at; defaults to the real clock. */
  now?: () => Date;
}

const count = z.number().int().min(0);

/** Checks SandboxStoreOptions minus `now` (which cannot travel as JSON). */
export const storeOptionsSchema = z
  .object({
    slug: z.string().regex(/^[A-Za-z0-9_-]+$/, 'slug must be letters, digits, _ or -'),
    apiKey: z.string().regex(/^DRX[0-9a-fA-F]{32}$/, "apiKey must be 'DRX' + 32 hex characters"),
    seed: z.number().int(),
    doctors: count,
    prescriptions: count,
    fillsPerPrescription: z.number().min(0).optional(),
    invalidDoctors: count.optional(),
    invalidPrescriptions: count.optional(),
    invalidFills: count.optional(),
  })
  .refine((o) => o.prescriptions + (o.invalidPrescriptions ?? 0) === 0 || o.doctors > 0, {
    path: ['doctors'],
    message: 'doctors must be at least 1 when there are prescriptions',
  })
  .refine((o) => (o.invalidFills ?? 0) === 0 || o.prescriptions > 0, {
    path: ['prescriptions'],
    message: 'invalid fills need at least 1 valid prescription to attach to',
  });

/** Store options after validation, with defaults applied. */
export interface ResolvedStoreOptions {
  slug: string;
  apiKey: string;
  seed: number;
  doctors: number;
  prescriptions: number;
  fillsPerPrescription: number;
  invalidDoctors: number;
  invalidPrescriptions: number;
  invalidFills: number;
}

/** Validates options (throwing an Error naming the bad field) and applies defaults. */
export function resolveStoreOptions(input: unknown): ResolvedStoreOptions {
  const parsed = storeOptionsSchema.safeParse(input);
  if (!parsed.success) throw new Error(describeZodError(parsed.error));
  const o = parsed.data;
  return {
    ...o,
    fillsPerPrescription: o.fillsPerPrescription ?? 2,
    invalidDoctors: o.invalidDoctors ?? 0,
    invalidPrescriptions: o.invalidPrescriptions ?? 0,
    invalidFills: o.invalidFills ?? 0,
  };
}

/** One line naming each bad field, e.g. "apiKey: apiKey must be 'DRX' + 32 hex characters". */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
