/** Builds a pharmacy's DRX client with its shared request budget and the configured timeouts. */
import { createDrxHttpClient, type DrxHttpClient } from '../drx/drx-http-client.js';
import { createPostgresRequestBudget } from '../drx/postgres-request-budget.js';
import { unlimitedBudget } from '../drx/request-budget.js';
import type { Runtime } from './runtime.js';

export type DrxClient = DrxHttpClient;

export interface DrxClientTarget {
  pharmacyId: string;
  baseUrl: string;
  apiKey: string;
  /** 0 = no limit. */
  requestsPerSecond: number;
}

/** The budget key every caller of one pharmacy's key shares, across instances. */
export function drxBudgetKey(pharmacyId: string): string {
  return `drx:${pharmacyId}`;
}

/** A DRX client for `target` that keeps to the pharmacy's budget (shared through Postgres). */
export function drxClientFor(rt: Runtime, target: DrxClientTarget): DrxClient {
  const budget =
    target.requestsPerSecond > 0
      ? createPostgresRequestBudget(rt.db, drxBudgetKey(target.pharmacyId), target.requestsPerSecond, rt.clock)
      : unlimitedBudget;
  return createDrxHttpClient({
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    clock: rt.clock,
    budget,
    log: rt.log.child({ pharmacyId: target.pharmacyId }),
    timeoutMs: rt.config.DRX_REQUEST_TIMEOUT_MS,
    maxAttempts: rt.config.DRX_MAX_ATTEMPTS,
    maxRetryMs: rt.config.DRX_MAX_RETRY_MS,
  });
}
