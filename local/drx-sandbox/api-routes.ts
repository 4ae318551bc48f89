// The DRX External API v1 endpoints of one store, once auth and faults have
// let the request through.
import { BadRequest, errorReply, readJsonBody } from './http-io.js';
import type { IncomingMessage } from 'node:http';
import type { Reply } from './http-io.js';
import type { RequestPath } from './fault-state.js';
import { parsePageQuery } from './page-query.js';
import type { Store } from './store.js';
import { describeZodError } from './store-options.js';
import { webhookBodySchema } from './webhook-registry.js';

/** Maps a path under the API base to its route pattern, e.g. '/doctor/7' → '/doctor/:id'. */
export function routeOf(literal: string): RequestPath {
  const route = literal.replace(/^\/(doctor|prescription|webhooks)\/[^/]+$/, '/$1/:id');
  return { literal, route };
}

/** Answers one API request for `store`. */
export async function routeApi(store: Store, req: IncomingMessage, path: RequestPath, params: URLSearchParams): Promise<Reply> {
  const key = `${req.method ?? 'GET'} ${path.route}`;
  const id = path.literal.split('/')[2] ?? '';
  switch (key) {
    case 'GET /heartbeat':
      return { status: 200, body: { pulse: 1 } };
    case 'GET /doctors': {
      const q = parsePageQuery(params, false);
      const all = store.db.doctors();
      return { status: 200, body: { success: true, total: all.length, doctors: all.slice(q.offset, q.offset + q.limit) } };
    }
    case 'GET /prescriptions':
    case 'GET /prescription-fills':
      return listDated(store, path, params);
    case 'GET /doctor/:id': {
      const doctor = store.db.doctor(id);
      return doctor ? { status: 200, body: { doctor } } : errorReply(404, `no doctor ${id}`);
    }
    case 'GET /prescription/:id': {
      const rx = /^\d+$/.test(id) ? store.db.prescription(Number(id)) : undefined;
      return rx ? { status: 200, body: { prescription: rx } } : errorReply(404, `no prescription ${id}`);
    }
    case 'GET /webhooks':
      return { status: 200, body: { success: true, webhooks: store.hooks.list() } };
    case 'POST /webhooks': {
      const parsed = webhookBodySchema.safeParse(await readJsonBody(req));
      if (!parsed.success) throw new BadRequest(describeZodError(parsed.error));
      return { status: 201, body: { success: true, id: store.hooks.register(parsed.data).id } };
    }
    case 'DELETE /webhooks/:id':
      return /^\d+$/.test(id) && store.hooks.remove(Number(id))
        ? { status: 200, body: { success: true } }
        : errorReply(404, `no webhook ${id}`);
    default:
      return errorReply(404, `no route ${req.method ?? 'GET'} ${path.literal}`);
  }
}

// Prescriptions and fills share paging: exclusive date bounds, (date, id) order.
function listDated(store: Store, path: RequestPath, params: URLSearchParams): Reply {
  const q = parsePageQuery(params, true);
  const isFills = path.route === '/prescription-fills';
  const index = isFills ? store.db.fills : store.db.prescriptions;
  const insert = store.faultState.takeInsert(path, q.offset);
  if (insert !== undefined) {
    store.insertBefore(index.window(q.afterMs, q.beforeMs).firstMs, q.afterMs, insert);
  }
  const window = index.window(q.afterMs, q.beforeMs);
  const items = window.page(q.offset, q.limit);
  return { status: 200, body: { success: true, total: window.total, [isFills ? 'fills' : 'prescriptions']: items } };
}
