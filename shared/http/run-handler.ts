/**
 * The frame every HTTP function shares: correlation id, runtime, one place that
 * turns a thrown error into our JSON error, and the method check.
 */
import { createLogger } from '../log/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import { correlationIdOf } from './correlation-id.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { sendError } from './send-error.js';
import { sendJson } from './send-json.js';

export interface Reply {
  status: number;
  body: unknown;
}

export type Work = (rt: Runtime, correlationId: string) => Promise<Reply>;

// Used only when the Runtime itself cannot be built (bad configuration).
const bootLog = createLogger({ base: { service: 'rxbridge' } });

/** Runs `work` for methods in `methods` (others get 405) and sends its reply or the mapped error. */
export async function runHandler(
  rtProvider: () => Runtime,
  req: HttpRequest,
  res: HttpResponse,
  methods: readonly string[],
  work: Work,
): Promise<void> {
  const correlationId = correlationIdOf(req.headers);
  res.setHeader('X-Correlation-Id', correlationId);
  const method = (req.method ?? 'GET').toUpperCase();
  if (!methods.includes(method)) {
    sendJson(res, 405, { error: { code: 'method_not_allowed', message: `use ${methods.join(' or ')}` } }, { Allow: methods.join(', ') });
    return;
  }
  let rt: Runtime | undefined;
  try {
    rt = rtProvider();
    const reply = await work(rt, correlationId);
    sendJson(res, reply.status, reply.body);
  } catch (err) {
    sendError(res, err, rt?.log ?? bootLog, correlationId);
  }
}
