/** The DRX External API v1 over HTTP: auth header, budget, timeout and retries around every call. */
import type { Logger } from '../log/logger.js';
import type { DrxStream, PageRequest } from '../sync/page-source.js';
import type { Clock } from '../time/clock.js';
import { retriesExhaustedError } from './drx-http-errors.js';
import { sendAttempt, type Call, type Connection } from './send-attempt.js';
import type { RequestBudget } from './request-budget.js';
import { decideRetry } from '../retry/retry-policy.js';
import { heartbeatSchema, parseListEnvelope, prescriptionEnvelopeSchema, webhookRegistrationSchema } from './wire-envelopes.js';
import type { DrxWebhookEvent } from './webhook-events.js';

export interface DrxHttpClientOptions {
  /** e.g. https://<store>.drxapp.com/external_api/v1 */
  baseUrl: string;
  apiKey: string;
  clock: Clock;
  budget: RequestBudget;
  log: Logger;
  /** Per attempt, headers and body together. */
  timeoutMs: number;
  maxAttempts: number;
  /** Total time across attempts and waits; a wait that would end past it is not started. */
  maxRetryMs: number;
  random?: () => number;
  fetchImpl?: typeof fetch;
}

export interface WebhookRegistration {
  url: string;
  headerKey: string;
  headerValue: string;
  event: DrxWebhookEvent;
}

export interface DrxHttpClient {
  heartbeat(signal?: AbortSignal): Promise<void>;
  listPage(stream: DrxStream, req: PageRequest, signal?: AbortSignal): Promise<{ total: number; items: unknown[] }>;
  getPrescription(id: string, signal?: AbortSignal): Promise<unknown>;
  registerWebhook(reg: WebhookRegistration, signal?: AbortSignal): Promise<{ id: string }>;
}

const LIST_ROUTES: Record<DrxStream, { path: string; key: string }> = {
  doctors: { path: '/doctors', key: 'doctors' },
  prescriptions: { path: '/prescriptions', key: 'prescriptions' },
  fills: { path: '/prescription-fills', key: 'fills' },
};

/** Builds a client for one pharmacy's DRX API. */
export function createDrxHttpClient(opts: DrxHttpClientOptions): DrxHttpClient {
  const random = opts.random ?? Math.random;
  const conn: Connection = {
    fetchImpl: opts.fetchImpl ?? fetch,
    base: opts.baseUrl.replace(/\/+$/, ''),
    apiKey: opts.apiKey,
    timeoutMs: opts.timeoutMs,
    clock: opts.clock,
  };

  async function request<T>(call: Call<T>, signal?: AbortSignal): Promise<T> {
    const startedMs = opts.clock.now().getTime();
    for (let n = 1; ; n++) {
      // Every attempt, retries included, spends a slot of the pharmacy's budget.
      await opts.budget.acquire(signal);
      const result = await sendAttempt(call, conn, signal);
      if (result.ok) return result.value;
      const decision = decideRetry({
        attempt: n,
        failure: result.failure,
        retryAfterMs: result.retryAfterMs,
        elapsedMs: opts.clock.now().getTime() - startedMs,
        random: random(),
        maxAttempts: opts.maxAttempts,
        maxRetryMs: opts.maxRetryMs,
      });
      if (!decision.retry) {
        throw retriesExhaustedError({ ...result, attempts: n, path: call.path, stoppedBy: decision.stoppedBy ?? 'attempts' });
      }
      // Path only: the query is not needed to diagnose, and the key is never logged.
      opts.log.warn('DRX request failed; retrying', {
        path: call.path,
        status: result.status,
        failure: result.failure,
        attempt: n,
        waitMs: decision.waitMs,
      });
      await opts.clock.sleep(decision.waitMs, signal);
    }
  }

  return {
    async heartbeat(signal) {
      await request({ method: 'GET', path: '/heartbeat', parse: (j) => (heartbeatSchema.safeParse(j).success ? true : null) }, signal);
    },

    listPage(stream, req, signal) {
      const route = LIST_ROUTES[stream];
      const query = new URLSearchParams({ limit: String(req.limit), offset: String(req.offset) });
      // Doctors have no date filter (contract).
      if (req.afterDate !== null && stream !== 'doctors') query.set('after_date', req.afterDate.toISOString());
      return request({ method: 'GET', path: route.path, query, parse: (j) => parseListEnvelope(j, route.key) }, signal);
    },

    getPrescription(id, signal) {
      const parse = (j: unknown): Record<string, unknown> | null => {
        const r = prescriptionEnvelopeSchema.safeParse(j);
        return r.success ? r.data.prescription : null;
      };
      return request({ method: 'GET', path: `/prescription/${encodeURIComponent(id)}`, parse }, signal);
    },

    registerWebhook(reg, signal) {
      const body = { url: reg.url, header_key: reg.headerKey, header_value: reg.headerValue, event: reg.event };
      const parse = (j: unknown): { id: string } | null => {
        const r = webhookRegistrationSchema.safeParse(j);
        return r.success ? { id: r.data.id } : null;
      };
      return request({ method: 'POST', path: '/webhooks', body, parse }, signal);
    },
  };
}
