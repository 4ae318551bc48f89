// The faults a store injects, mirroring what real DRX does (contract:
// "Transient faults: 502, 503, 504, resets, slow responses"; 429 with or
// without Retry-After; offsets shifting while paging).
import { z } from 'zod';

/** Statuses failNext may inject. */
export type InjectedStatus = 429 | 500 | 502 | 503 | 504;

/** One queued failure; `path` (e.g. '/prescriptions') limits it to that route. */
export interface InjectedFailure {
  path?: string;
  status: InjectedStatus;
  retryAfterSeconds?: number;
  times: number;
}

/** What a store does wrong; every field is optional and absent means "never". */
export interface FaultPlan {
  /** Token bucket per store (burst = the rate); over it the store answers 429. */
  rateLimitPerSecond?: number;
  /** Sent as Retry-After on rate-limit 429s; absent means no header. */
  retryAfterSeconds?: number;
  /** Failures consumed in order: the first entry matching a request answers it. */
  failNext?: InjectedFailure[];
  /** Delay before every response. */
  latencyMs?: number;
  /** Extra delay on one path, `times` times. */
  slowPathMs?: { path: string; ms: number; times: number };
  /** Send headers and `afterBytes` of the body (default half), then destroy the socket. */
  dropConnection?: { path: string; afterBytes?: number; times: number };
  /** When `path` is asked for `atOffset`, first insert `count` records dated before the page. */
  insertWhilePaging?: { path: string; atOffset: number; count: number };
}

const times = z.number().int().min(0);

/** Checks a FaultPlan sent over HTTP. */
export const faultPlanSchema = z.object({
  rateLimitPerSecond: z.number().positive().optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  failNext: z
    .array(
      z.object({
        path: z.string().startsWith('/').optional(),
        status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
        retryAfterSeconds: z.number().int().min(0).optional(),
        times,
      }),
    )
    .optional(),
  latencyMs: z.number().min(0).optional(),
  slowPathMs: z.object({ path: z.string().startsWith('/'), ms: z.number().min(0), times }).optional(),
  dropConnection: z
    .object({ path: z.string().startsWith('/'), afterBytes: z.number().int().min(0).optional(), times })
    .optional(),
  insertWhilePaging: z
    .object({ path: z.string().startsWith('/'), atOffset: z.number().int().min(0), count: z.number().int().min(1) })
    .optional(),
});
