// /_sandbox/... : drive the sandbox over HTTP (for `npm start` and manual
// testing) the way tests drive it in-process. Not part of the DRX contract.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { faultPlanSchema } from './fault-plan.js';
import { BadRequest, errorReply, readJsonBody } from './http-io.js';
import type { Reply } from './http-io.js';
import type { Store } from './store.js';
import { describeZodError, storeOptionsSchema } from './store-options.js';
import { FILL_STATUSES } from './wire.js';

/** What the control routes need from the sandbox. */
export interface ControlPort {
  addStore(input: z.infer<typeof storeOptionsSchema>): Store;
  findStore(slug: string): Store | undefined;
  baseUrlFor(slug: string): string;
}

const addPrescriptionSchema = z.object({
  sig: z.string().optional(),
  refills: z.number().int().min(0).optional(),
  inactivated: z.boolean().optional(),
  fillStatus: z.enum(FILL_STATUSES).optional(),
});
const fillStatusSchema = z.object({ status: z.enum(FILL_STATUSES) });

async function parseBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (!parsed.success) throw new BadRequest(describeZodError(parsed.error));
  return parsed.data;
}

/** Answers a request under /_sandbox; `path` is what follows that prefix. */
export async function routeControl(port: ControlPort, req: IncomingMessage, path: string): Promise<Reply> {
  const method = req.method ?? 'GET';
  if (method === 'POST' && path === '/stores') {
    const input = await parseBody(req, storeOptionsSchema);
    if (port.findStore(input.slug)) return errorReply(409, `store ${input.slug} already exists`);
    const store = port.addStore(input);
    return { status: 201, body: { success: true, slug: store.slug, baseUrl: port.baseUrlFor(store.slug) } };
  }
  const m = /^\/stores\/([^/]+)(\/.*)$/.exec(path);
  const store = m?.[1] === undefined ? undefined : port.findStore(m[1]);
  if (!m || !store) return errorReply(404, `no control route ${method} ${path}`);
  const rest = m[2] ?? '';
  const fill = /^\/fills\/(\d+)\/status$/.exec(rest);
  if (method === 'POST' && rest === '/faults') {
    store.setFaults(await parseBody(req, faultPlanSchema));
    return { status: 200, body: { success: true, faults: store.faults } };
  }
  if (method === 'POST' && rest === '/prescriptions') {
    const prescription = store.addPrescription(await parseBody(req, addPrescriptionSchema));
    return { status: 201, body: { success: true, prescription } };
  }
  if (method === 'POST' && fill) {
    const id = Number(fill[1]);
    const { status } = await parseBody(req, fillStatusSchema);
    if (!store.db.fill(id)) return errorReply(404, `no fill ${id}`);
    return { status: 200, body: { success: true, fill: store.setFillStatus(id, status) } };
  }
  if (method === 'GET' && rest === '/stats') return { status: 200, body: { success: true, ...store.stats() } };
  return errorReply(404, `no control route ${method} ${path}`);
}
