import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { DrxSandbox, Fill, Prescription, SandboxStore, WebhookSubscription } from './index.js';
import { startWebhookReceiver } from './webhook-receiver.testkit.js';
import type { WebhookReceiver } from './webhook-receiver.testkit.js';

let sandbox: DrxSandbox;
let receiver: WebhookReceiver;
let slugCount = 0;
const KEY = apiKey(5);

beforeAll(async () => {
  sandbox = await startDrxSandbox();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function freshStore(): { store: SandboxStore; base: string } {
  const slug = `hooks_${++slugCount}`;
  const store = sandbox.addStore({ slug, apiKey: KEY, seed: 11, doctors: 5, prescriptions: 20, now: () => FIXED_NOW });
  return { store, base: sandbox.baseUrlFor(slug) };
}

async function register(base: string, path: string, event: string, secret = 's3cret') {
  const body = { url: `${receiver.url}${path}`, header_key: 'X-Hook-Secret', header_value: secret, event };
  return callJson<{ success: boolean; id: number; error?: string }>(base, '/webhooks', KEY, { method: 'POST', body });
}

describe('webhook registration', () => {
  it('registers, lists, replaces the same (url, event) in place, and deletes', async () => {
    const { base } = freshStore();
    const first = await register(base, '/a', 'Sold');
    expect(first).toMatchObject({ status: 201, body: { success: true, id: expect.any(Number) } });
    const again = await register(base, '/a', 'Sold', 'rotated');
    expect(again.body.id).toBe(first.body.id);
    await register(base, '/a', 'Hold');
    const list = await callJson<{ webhooks: WebhookSubscription[] }>(base, '/webhooks', KEY);
    expect(list.body.webhooks.map((w) => [w.event, w.header_value])).toEqual([
      ['Sold', 'rotated'],
      ['Hold', 's3cret'],
    ]);
    expect((await callJson(base, `/webhooks/${first.body.id}`, KEY, { method: 'DELETE' })).status).toBe(200);
    expect((await callJson(base, `/webhooks/${first.body.id}`, KEY, { method: 'DELETE' })).status).toBe(404);
    expect((await callJson<{ webhooks: unknown[] }>(base, '/webhooks', KEY)).body.webhooks).toHaveLength(1);
  });

  it.each(['Adjudicating', 'Teleported', ''])('refuses the event %j with a 400 naming the field', async (event) => {
    const { base } = freshStore();
    const res = await register(base, '/x', event);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('event');
  });

  it('needs the store key to register', async () => {
    const { base } = freshStore();
    const res = await callJson(base, '/webhooks', apiKey(6), { method: 'POST', body: {} });
    expect(res.status).toBe(401);
  });
});

describe('webhook delivery', () => {
  it('posts Prescription Created and the fill status to the subscribers, with the static header', async () => {
    const { store, base } = freshStore();
    await register(base, '/created', 'Prescription Created');
    await register(base, '/precheck', 'Pre-Check');
    await register(base, '/sold', 'Sold');
    const rx = store.addPrescription({ sig: 'Take as directed' });
    await store.flushWebhooks();
    const created = receiver.received.find((r) => r.path === '/created' && (r.body as Prescription).id === rx.id);
    expect(created?.headers['x-hook-secret']).toBe('s3cret');
    expect(created?.headers['content-type']).toBe('application/json');
    expect(created?.body).toEqual(rx);
    expect(rx.prescription_fills).toHaveLength(1);
    const fillHook = receiver.received.find((r) => r.path === '/precheck' && (r.body as Fill).prescription_id === rx.id);
    expect(fillHook?.body).toMatchObject({ status: 'Pre-Check', prescription_id: rx.id });
    expect(store.deliveries().map((d) => [d.event, d.status])).toEqual([
      ['Prescription Created', 200],
      ['Pre-Check', 200],
    ]);
  });

  it('posts the Fill when setFillStatus changes it, and the API shows the change', async () => {
    const { store, base } = freshStore();
    await register(base, '/sold', 'Sold');
    const fill = store.data.fills.find((f) => f.status !== 'Sold') ?? (store.data.fills[0] as Fill);
    const changed = store.setFillStatus(fill.id, 'Sold');
    await store.flushWebhooks();
    expect(changed.updated_at).toBe(FIXED_NOW.toISOString());
    const hook = receiver.received.find((r) => r.path === '/sold' && (r.body as Fill).id === fill.id);
    expect(hook?.body).toEqual(changed);
    const rx = await callJson<{ prescription: Prescription }>(base, `/prescription/${fill.prescription_id}`, KEY);
    expect(rx.body.prescription.prescription_fills.find((f) => f.id === fill.id)?.status).toBe('Sold');
  });

  it('records a refused delivery without throwing into the caller', async () => {
    const { store, base } = freshStore();
    await register(base, '/down', 'Prescription Created');
    receiver.status = 500;
    try {
      store.addPrescription();
      await store.flushWebhooks();
    } finally {
      receiver.status = 200;
    }
    expect(store.deliveries()).toEqual([{ event: 'Prescription Created', url: `${receiver.url}/down`, status: 500 }]);
  });

  it('records an unreachable receiver as an error', async () => {
    const { store, base } = freshStore();
    await callJson(base, '/webhooks', KEY, {
      method: 'POST',
      body: { url: 'http://127.0.0.1:1/nothing', header_key: 'k', header_value: 'v', event: 'Prescription Created' },
    });
    expect(store.webhooks().map((w) => w.url)).toEqual(['http://127.0.0.1:1/nothing']);
    store.addPrescription();
    await store.flushWebhooks();
    expect(store.deliveries()).toHaveLength(1);
    expect(store.deliveries()[0]?.error).toEqual(expect.any(String));
    expect(store.deliveries()[0]?.status).toBeUndefined();
  });
});
