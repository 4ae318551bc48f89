/**
 * `drxWebhook`: POST /drx-webhook/<pharmacyId>?event=<event> from DRX.
 * Authenticated by the pharmacy's static header secret, not by admin auth.
 */
import { AppError } from '../../shared/errors/app-error.js';
import { receiveDrxWebhook } from '../../shared/drx-webhooks/receive-drx-webhook.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { lastPathSegment, queryParam } from '../../shared/http/request-url.js';
import { runHandler } from '../../shared/http/run-handler.js';
import { PHARMACY_ID_PATTERN } from '../../shared/pharmacies/add-pharmacy-input.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

/** 202 stored (applied or failed-for-retry) · 200 duplicate · 400 bad JSON (stored) · 401 bad secret · 404 · 405. */
export function createDrxWebhookHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['POST'], async (rt, correlationId) => {
      const pharmacyId = lastPathSegment(req);
      if (!pharmacyId || !PHARMACY_ID_PATTERN.test(pharmacyId)) {
        throw new AppError('not_found', 'unknown_pharmacy', 'POST to /drx-webhook/<pharmacyId>');
      }
      const receipt = await receiveDrxWebhook(rt, {
        pharmacyId,
        event: queryParam(req, 'event'),
        headers: req.headers,
        rawBody: rawBodyOf(req),
        correlationId,
      });
      return { status: receipt.duplicate ? 200 : 202, body: receipt };
    });
}

// The Functions Framework and our dev server keep the exact bytes in rawBody;
// the fallbacks only serve hosts that parsed the body without keeping them.
function rawBodyOf(req: HttpRequest): Buffer {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  return Buffer.from(req.body === undefined ? '' : JSON.stringify(req.body), 'utf8');
}
