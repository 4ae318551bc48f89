// What the sandbox does that a client must cope with (contract "Lists" and
// "Rate limit"): the hourly budget and its 429s without Retry-After, injected
// failures, latency, the cross-origin 302, and slow bulk jobs.
import { z } from 'zod';

/** Statuses failNext may inject. */
export type InjectedStatus = 429 | 500 | 502 | 503 | 504;

/** One queued failure; `path` (e.g. '/api/patients' or '/api/patients/:id') limits it to that route. */
export interface InjectedFailure {
  path?: string;
  status: InjectedStatus;
  times: number;
}

/** The plan set with setFaults; absent fields take the defaults noted. */
export interface DrChronoFaultPlan {
  /** Requests per clock hour for the whole API application (default 500). */
  requestsPerHour?: number;
  /** Failures consumed in order: the first entry matching a request answers it. */
  failNext?: InjectedFailure[];
  /** Delay before every API response. */
  latencyMs?: number;
  /** GET /api/clinical_notes answers 302 to the second origin (default true). */
  redirectClinicalNotes?: boolean;
  /** Polls of a bulk job that answer Pending before it completes (default 1). */
  bulkPendingPolls?: number;
}

/** Defaults for the fields of a plan. */
export const FAULT_DEFAULTS = { requestsPerHour: 500, redirectClinicalNotes: true, bulkPendingPolls: 1 } as const;

/** Checks a plan sent over HTTP. */
export const faultPlanSchema = z.object({
  requestsPerHour: z.number().int().min(0).optional(),
  failNext: z
    .array(
      z.object({
        path: z.string().startsWith('/').optional(),
        status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
        times: z.number().int().min(0),
      }),
    )
    .optional(),
  latencyMs: z.number().min(0).optional(),
  redirectClinicalNotes: z.boolean().optional(),
  bulkPendingPolls: z.number().int().min(0).optional(),
});
