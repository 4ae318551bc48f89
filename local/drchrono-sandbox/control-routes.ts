// /_sandbox/... : drive the sandbox over HTTP (for `npm start` and manual
// testing) the way tests drive it in-process. Not part of the DrChrono contract.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { faultPlanSchema } from './fault-plan.js';
import { BadRequest, errorReply, ok, readFields } from './http-io.js';
import type { Reply } from './http-io.js';
import { describeZodError, practiceOptionsSchema } from './practice-options.js';
import { applyMutation, mutationSchema } from './practice-mutation.js';
import type { SandboxState } from './sandbox-state.js';

const webhookSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  secretToken: z.string().min(1),
  signatureMode: z.enum(['hmac', 'secret']).optional(),
  events: z.array(z.string()).optional(),
});
const eventSchema = z.object({ event: z.string().min(1), object: z.record(z.string(), z.unknown()) });

async function parse<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readFields(req));
  if (!parsed.success) throw new BadRequest(describeZodError(parsed.error));
  return parsed.data;
}

/** Answers a request under /_sandbox; `path` is what follows that prefix. */
export async function routeControl(state: SandboxState, req: IncomingMessage, path: string): Promise<Reply> {
  const key = `${req.method ?? 'GET'} ${path}`;
  const perPractice = /^(POST) \/practices\/([^/]+)\/(code|revoke|mutate)$/.exec(key);
  if (perPractice?.[2] !== undefined) {
    const practice = state.practices.get(perPractice[2]);
    if (!practice) return errorReply(404, `unknown practice ${perPractice[2]}`);
    if (perPractice[3] === 'code') return ok({ code: state.authority.issueCode(practice.id) });
    if (perPractice[3] === 'revoke') {
      state.authority.revoke(practice.id);
      return ok({ revoked: practice.id });
    }
    try {
      return ok({ result: applyMutation(practice, await parse(req, mutationSchema)) });
    } catch (err) {
      if (err instanceof BadRequest) throw err;
      return errorReply(404, err instanceof Error ? err.message : String(err));
    }
  }
  const redeliver = /^POST \/deliveries\/([^/]+)\/redeliver$/.exec(key);
  if (redeliver?.[1] !== undefined) {
    const id = redeliver[1];
    if (!state.webhooks.deliveries().some((d) => d.deliveryId === id)) return errorReply(404, `no delivery ${id}`);
    return ok({ delivery: await state.webhooks.redeliver(id) });
  }
  switch (key) {
    case 'POST /practices': {
      const input = await parse(req, practiceOptionsSchema);
      if (state.practices.has(input.id)) return errorReply(409, `practice ${input.id} already exists`);
      const practice = state.addPractice(input);
      return { status: 201, body: { id: practice.id, user: practice.db.user } };
    }
    case 'POST /faults':
      state.faults.set(await parse(req, faultPlanSchema));
      return ok({ faults: state.faults.current() });
    case 'GET /stats':
      return ok(state.stats.snapshot(state.budget.usedAt(state.now().getTime())));
    case 'POST /webhook':
      state.webhooks.configure(await parse(req, webhookSchema));
      return ok({ configured: true });
    case 'GET /deliveries':
      return ok({ deliveries: state.webhooks.deliveries() });
    case 'POST /webhook/verify':
    case 'POST /webhook/ping':
    case 'POST /events':
      return webhookAction(state, req, key);
    default:
      return errorReply(404, `no control route ${key}`);
  }
}

async function webhookAction(state: SandboxState, req: IncomingMessage, key: string): Promise<Reply> {
  if (!state.webhooks.configured) return errorReply(409, 'no webhook configured');
  switch (key) {
    case 'POST /webhook/verify':
      return ok({ verified: await state.webhooks.verify() });
    case 'POST /webhook/ping':
      return ok({ delivery: await state.webhooks.ping() });
    case 'POST /events': {
      const { event, object } = await parse(req, eventSchema);
      return ok({ deliveryId: state.webhooks.send(event, object) ?? null });
    }
    default:
      return errorReply(404, `no control route ${key}`);
  }
}
