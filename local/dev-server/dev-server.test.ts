import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { silentLogger } from '../../shared/log/logger.js';
import { startDevServer, type DevServer } from './dev-server.js';

// Echoes what a function sees, so the tests can compare it with the Functions Framework's shape.
const echo: HttpFunction = (req: Request, res) => {
  res.json({
    path: req.path,
    method: req.method,
    query: req.query,
    body: req.body === undefined ? '(undefined)' : Buffer.isBuffer(req.body) ? `bytes:${req.body.length}` : req.body,
    rawBody: req.rawBody?.toString('utf8') ?? null,
    header: req.get('x-test') ?? null,
  });
};

const stream: HttpFunction = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write('id: 1\ndata: {"n":1}\n\n');
  const t = setTimeout(() => res.write('id: 2\ndata: {"n":2}\n\n'), 20);
  res.on('close', () => clearTimeout(t));
};

const broken: HttpFunction = async () => {
  throw new Error('secret DRX0123 leaked');
};

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer({
    log: silentLogger,
    routes: [
      { path: '/echo', handler: echo, description: 'echo' },
      { path: '/stream', handler: stream, description: 'sse' },
      { path: '/broken', handler: broken, description: 'throws' },
    ],
  });
});
afterAll(() => server.close());

async function post(path: string, body: string, contentType = 'application/json') {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'x-test': 'yes' }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('dev server', () => {
  it('gives a function the exact raw bytes, unparsed (as deployed), with headers and query', async () => {
    const raw = '{ "pharmacyId" : "ph_1",\n "full": true }';
    const { status, json } = await post('/echo?x=1', raw);
    expect(status).toBe(200);
    expect(json).toMatchObject({ path: '/', method: 'POST', query: { x: '1' }, body: '(undefined)', rawBody: raw, header: 'yes' });
  });

  it('keeps the raw bytes of malformed JSON for the function to judge', async () => {
    const { json } = await post('/echo', '{"pharmacyId": ');
    expect(json.rawBody).toBe('{"pharmacyId": ');
  });

  it('inflates a gzip body and refuses an encoding it cannot read', async () => {
    const gz = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: gzipSync('{"a":1}') });
    expect(((await gz.json()) as { rawBody: string }).rawBody).toBe('{"a":1}');
    const odd = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-encoding': 'compress' }, body: 'x' });
    expect(odd.status).toBe(415);
    expect(((await odd.json()) as { error: { code: string } }).error.code).toBe('unsupported_content_encoding');
  });

  it('shows a function only the path below its mount, as a deployed function sees it', async () => {
    const { json } = await post('/echo/ph_demo_1', '{}');
    expect(json.path).toBe('/ph_demo_1');
  });

  it('streams server-sent events as they are written', async () => {
    const ac = new AbortController();
    const res = await fetch(`${server.url}/stream`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('id: 2')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    ac.abort();
    expect(text).toContain('data: {"n":1}');
    expect(text).toContain('data: {"n":2}');
  });

  it('answers a JSON 500 without the error text when a function throws', async () => {
    const res = await fetch(`${server.url}/broken`, { method: 'POST' });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(text).not.toContain('DRX0123');
  });

  it('lists its functions at / and answers 404 elsewhere', async () => {
    const list = (await (await fetch(`${server.url}/`)).json()) as { functions: Array<{ path: string; url: string }> };
    expect(list.functions.map((f) => f.path)).toEqual(['/echo', '/stream', '/broken']);
    expect(list.functions[0]?.url).toBe(`${server.url}/echo`);
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
  });

  it('refuses to start on a port that is taken, naming it', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startDevServer({ log: silentLogger, routes: [], port })).rejects.toThrow(`port ${port} is already in use`);
  });
});
