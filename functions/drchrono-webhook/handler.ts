/**
 * `drchronoWebhook`: GET ?msg= answers DrChrono's verification handshake; POST
 * receives signed deliveries (X-drchrono-signature), for every practice of the
 * one API application. Authenticated by the signature, not by admin auth.
 */
import { answerHandshake } from '../../shared/drchrono-webhooks/answer-handshake.js';
import { receiveDrChronoWebhook } from '../../shared/drchrono-webhooks/receive-drchrono-webhook.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { queryParam } from '../../shared/http/request-url.js';
import { runHandler } from '../../shared/http/run-handler.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { rawBodyOf } from './raw-body.js';

/**
 * GET: 200 {secret_token} · 400 no msg. POST: 200 applied/ignored/duplicate ·
 * 202 stored but failed (retry queue) or unroutable · 400 bad JSON (stored) · 401 bad signature · 503 secret unset.
 */
export function createDrChronoWebhookHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['GET', 'POST'], async (rt, correlationId) => {
      if (req.method?.toUpperCase() === 'GET') return { status: 200, body: await answerHandshake(rt.secrets, queryParam(req, 'msg'), rt.clock) };
      const receipt = await receiveDrChronoWebhook(rt, { headers: req.headers, rawBody: rawBodyOf(req), correlationId });
      const settled = receipt.duplicate || receipt.status === 'applied' || receipt.status === 'ignored';
      return { status: settled ? 200 : 202, body: receipt };
    });
}
