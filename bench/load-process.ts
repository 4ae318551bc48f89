// Load generator in its own process, so autocannon does not share the event
// loop of the server it measures. Reads one JSON argument (LoadPlan), sends
// signed DrChrono deliveries for `seconds` over `connections`, and prints one
// JSON line (LoadResult). Every request gets its own delivery id AND its own
// body (the object id), signed per request with the hex HMAC-SHA256 of the
// body, so no two requests are duplicates and "stored" cannot be inflated.
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import type { LoadPlan, LoadResult } from './load-client.js';

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const bodyOf = (n: number) =>
  JSON.stringify({
    receiver: { id: 9_000_001, endpoint: plan.url },
    object: { id: n, title: `Bench task ${n}`, status: 'open', assignee_user: 123_456, created_at: '2026-11-23T15:00:00' },
  });

// One process-wide counter: ids stay unique across all connections (no worker threads are used).
let next = 0;
// The 2xx answers, by delivery id: the parent checks each is a stored row.
const answered: string[] = [];

interface Ctx {
  deliveryId?: string;
}

const r = await autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.seconds,
  pipelining: 1,
  requests: [
    {
      method: 'POST',
      setupRequest: (req, context: Ctx) => {
        const n = ++next;
        const body = bodyOf(n);
        const deliveryId = `${plan.tag}-${n}`;
        context.deliveryId = deliveryId;
        return {
          ...req,
          body,
          headers: {
            'content-type': 'application/json',
            'x-drchrono-event': plan.event,
            'x-drchrono-delivery': deliveryId,
            'x-drchrono-signature': createHmac('sha256', plan.secret).update(body).digest('hex'),
          },
        };
      },
      // With pipelining 1 the answer belongs to the last request this connection built.
      onResponse: (status, _body, context: Ctx) => {
        if (status >= 200 && status < 300 && context.deliveryId) answered.push(context.deliveryId);
      },
    },
  ],
});

const result: LoadResult = {
  requestsPerSecond: r.requests.average,
  total2xx: r['2xx'],
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  sent: r.requests.sent,
  seconds: r.duration,
  p50: r.latency.p50,
  p99: r.latency.p99,
  answeredIds: answered,
};
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
