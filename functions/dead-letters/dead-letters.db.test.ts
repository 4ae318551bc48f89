import { describe, expect, it } from 'vitest';
import { insertQueueItem, queueState, uniqueSource } from '../../shared/retry-queue/queue-item.testkit.js';
import { ADMIN_AUTH as admin, useFunctionServer } from '../function-server.testkit.js';
import './index.js';

const fn = useFunctionServer('deadLetters');


const T0 = new Date('2026-05-01T00:00:00Z');

function deadItem(source: string, kind = 'k'): Promise<string> {
  return insertQueueItem(fn.rt.db, { source, kind, status: 'dead', attempts: 6, nextAttemptAt: null, receivedAt: T0, payload: { secret: 'body' } });
}

function replay(body: unknown): Promise<Response> {
  return fn.post('/', JSON.stringify(body));
}

describe('deadLetters', () => {
  it('answers 401 without admin credentials, for listing and replaying', async () => {
    expect((await fetch(`${fn.url}/?source=drx`)).status).toBe(401);
    const res = await fn.post('/', '{"all":true}', { authorization: 'Bearer nope', 'content-type': 'application/json' });
    expect(res.status).toBe(401);
  });

  it('lists the dead letters matching the query, without their bodies', async () => {
    const source = uniqueSource();
    const a = await deadItem(source, 'x');
    await deadItem(source, 'y');
    const res = await fetch(`${fn.url}/?source=${source}&kind=x`, { headers: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { deadLetters: Record<string, unknown>[] };
    expect(body.deadLetters).toEqual([expect.objectContaining({ id: a, source, kind: 'x', attempts: 6 })]);
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('lists unroutable deliveries with ?status=unroutable, and refuses an unknown status', async () => {
    const source = uniqueSource();
    const deadOne = await deadItem(source);
    const unroutable = await insertQueueItem(fn.rt.db, { source, kind: 'PATIENT_CREATE', status: 'unroutable', nextAttemptAt: null, receivedAt: T0 });
    const list = async (query: string) => {
      const res = await fetch(`${fn.url}/?source=${source}${query}`, { headers: admin });
      expect(res.status).toBe(200);
      return ((await res.json()) as { deadLetters: { id: string }[] }).deadLetters.map((d) => d.id);
    };
    expect(await list('&status=unroutable')).toEqual([unroutable]);
    expect(await list('')).toEqual([deadOne]);
    expect(await list('&status=dead')).toEqual([deadOne]);
    const bad = await fetch(`${fn.url}/?source=${source}&status=applied`, { headers: admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^status: /);
  });

  it('answers 400 naming a bad query parameter', async () => {
    const res = await fetch(`${fn.url}/?limit=0`, { headers: admin });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('limit') as string });
  });

  it('replays one dead letter by id, and by filter', async () => {
    const source = uniqueSource();
    const one = await deadItem(source);
    const two = await deadItem(source, 'other');
    const res = await replay({ ids: [one] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ replayed: 1 });
    expect(await queueState(fn.rt.db, one)).toMatchObject({ status: 'failed', attempts: 0 });
    expect((await queueState(fn.rt.db, two)).status).toBe('dead');
    expect(await (await replay({ source, kind: 'other' })).json()).toEqual({ replayed: 1 });
    expect((await queueState(fn.rt.db, two)).status).toBe('failed');
  });

  it('answers 400 naming since when it is not an ISO date or date-time, and replays nothing', async () => {
    const source = uniqueSource();
    const id = await deadItem(source);
    for (const since of [null, 0, false, 'yesterday']) {
      const res = await replay({ since });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_body', message: expect.stringMatching(/^since: /) as string });
    }
    const listed = await fetch(`${fn.url}/?since=0`, { headers: admin });
    expect(listed.status).toBe(400);
    expect(((await listed.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/^since: /) as string });
    expect((await queueState(fn.rt.db, id)).status).toBe('dead');
  });

  it('answers 400 to a replay that names nothing, or has an unknown field', async () => {
    const empty = await replay({});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/all: true/);
    expect((await replay({ ids: ['not-a-uuid'] })).status).toBe(400);
    expect((await replay({ everything: true })).status).toBe(400);
  });
});
