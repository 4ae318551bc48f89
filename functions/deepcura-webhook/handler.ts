/** `deepcuraWebhook`: POST gridhooks from Deep Cura, authenticated by the x-deepcura-secret header. */
import { receiveGridhook } from '../../shared/deepcura/receive-gridhook.js';
import type { HttpRequest, HttpResponse } from '../../shared/http/http-types.js';
import { runHandler } from '../../shared/http/run-handler.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { rawBodyOf } from './raw-body.js';

/** 200 applied or duplicate · 202 stored, not applied (failed: retrying, or dead) · 401 bad secret · 422 decrypt_failed/bad_payload (kept) · 503 secret unset. */
export function createDeepCuraWebhookHandler(rtProvider: () => Runtime) {
  return (req: HttpRequest, res: HttpResponse): Promise<void> =>
    runHandler(rtProvider, req, res, ['POST'], async (rt, correlationId) => {
      const receipt = await receiveGridhook(rt, { headers: req.headers, rawBody: rawBodyOf(req), correlationId });
      return { status: receipt.duplicate || receipt.status === 'applied' ? 200 : 202, body: receipt };
    });
}
