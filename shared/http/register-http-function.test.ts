import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { plainRequestListener, type PlainHttpFunction } from './plain-request-listener.js';
import { plainHttpHostInstalled, plainServerFor, registerHttpFunction } from './register-http-function.js';
import { sendJson } from './send-json.js';
import { PLAIN_HOST_PROBE } from './plain-host-probe.testkit.js';

interface Seen {
  rawBody: string | null;
  body: unknown;
  expressHelpers: boolean;
}
let seen: Seen[] = [];
const record: PlainHttpFunction = (req, res) => {
  seen.push({ rawBody: req.rawBody?.toString('utf8') ?? null, body: req.body, expressHelpers: typeof (req as { get?: unknown }).get === 'function' });
  sendJson(res, 200, { ok: true });
};
registerHttpFunction('plainRecord', record);
http('stockRecord', (req, res) => record(req, res));
registerHttpFunction('plainThrowSync', () => {
  throw new Error('secret detail 123-45-6789');
});
registerHttpFunction('plainRejectAsync', async () => {
  await Promise.resolve();
  throw new Error('secret detail 123-45-6789');
});
registerHttpFunction('plainAnswerThenReject', async (_req, res) => {
  sendJson(res, 200, { ok: true });
  await Promise.resolve();
  throw new Error('late failure');
});
registerHttpFunction('plainStreamThenReject', async (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.write('partial');
  await new Promise((resolve) => setTimeout(resolve, 20));
  throw new Error('mid-stream failure');
});

const servers: Server[] = [];
async function serve(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const served = (target: string) => serve(getTestServer(target));

afterEach(async () => {
  seen = [];
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe('HTTP functions registered through registerHttpFunction', () => {
  it('are served by node:http directly on this framework version', () => {
    expect(plainHttpHostInstalled()).toBe(true);
  });

  it('hand the function the exact bytes, unparsed, even when JSON is labelled but malformed', async () => {
    const url = await served('plainRecord');
    const res = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ rawBody: '{"a":', body: undefined, expressHelpers: false }]);
  });

  it('leave functions registered with the framework directly on its Express server', async () => {
    const url = await served('stockRecord');
    const res = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ rawBody: '{"a":1}', body: { a: 1 }, expressHelpers: true }]);
  });

  it('join a body sent in several chunks', async () => {
    const url = new URL(await served('plainRecord'));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('first,');
      setTimeout(() => req.end('second'), 20);
    });
    expect(status).toBe(200);
    expect(seen.map((s) => s.rawBody)).toEqual(['first,second']);
  });

  it('inflate gzip and br bodies as the framework did', async () => {
    const url = await served('plainRecord');
    for (const [encoding, bytes] of [
      ['gzip', gzipSync('{"via":"gzip"}')],
      ['br', brotliCompressSync('{"via":"br"}')],
    ] as const) {
      const res = await fetch(`${url}/`, { method: 'POST', headers: { 'content-encoding': encoding }, body: bytes });
      expect(res.status).toBe(200);
    }
    expect(seen.map((s) => s.rawBody)).toEqual(['{"via":"gzip"}', '{"via":"br"}']);
  });

  it('refuse an unknown encoding (415) and one that does not decode (400) without calling the function', async () => {
    const url = await served('plainRecord');
    const unknown = await fetch(`${url}/`, { method: 'POST', headers: { 'content-encoding': 'compress' }, body: 'x' });
    expect(unknown.status).toBe(415);
    expect(await unknown.json()).toEqual({ error: { code: 'unsupported_content_encoding', message: expect.stringContaining('compress') } });
    const corrupt = await fetch(`${url}/`, { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: 'not gzip at all' });
    expect(corrupt.status).toBe(400);
    expect(await corrupt.json()).toEqual({ error: { code: 'bad_body_encoding', message: 'the body is not valid gzip' } });
    expect(seen).toEqual([]);
  });

  it('answer 413 for a declared length over 32 MB without reading it', async () => {
    const url = new URL(await served('plainRecord'));
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${32 * 1024 * 1024 + 1}\r\n\r\n{"a":`);
      });
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('"code":"body_too_large"');
    expect(seen).toEqual([]);
  });

  it('answer 413 once a body without a length grows past the limit', async () => {
    const url = new URL(await serve(createServer(plainRequestListener(record, { target: 'small', limitBytes: 1024 }))));
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: { 'transfer-encoding': 'chunked' } }, (r) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString('utf8')));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('x'.repeat(800));
      req.end('y'.repeat(800));
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'body_too_large', message: 'body larger than 1024 bytes' } });
    expect(seen).toEqual([]);
  });

  it('do not call the function when the client leaves mid-body', async () => {
    const server = createServer(plainRequestListener(record, { target: 'abort' }));
    const url = new URL(await serve(server));
    const closed = new Promise<void>((resolve) => server.once('connection', (s) => s.once('close', () => resolve())));
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"partial":');
      setTimeout(() => socket.destroy(), 20);
    });
    socket.on('error', () => undefined);
    await closed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
  });

  it('answer /favicon.ico and /robots.txt 404 without calling the function, as the framework does', async () => {
    const url = await served('plainRecord');
    expect((await fetch(`${url}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`${url}/ROBOTS.TXT?x=1`)).status).toBe(404);
    expect((await fetch(`${url}/robots.txt/more`)).status).toBe(404);
    expect(seen).toEqual([]);
    expect((await fetch(`${url}/favicon.icon`)).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("honour IGNORED_ROUTES='' (nothing ignored) and refuse any other pattern", async () => {
    const none = plainServerFor(record, { signatureType: 'http', ignoredRoutes: '' });
    expect(none).toBeDefined();
    const url = await serve(none as Server);
    expect((await fetch(`${url}/favicon.ico`)).status).toBe(200);
    expect(() => plainServerFor(record, { signatureType: 'http', ignoredRoutes: '/health' })).toThrow(/IGNORED_ROUTES \(\/health\) is not supported/);
    expect(plainServerFor(() => undefined, { signatureType: 'http', ignoredRoutes: null })).toBeUndefined();
  });

  it('answer a synchronous throw or a rejection with a 500 JSON crash that reveals nothing', async () => {
    for (const target of ['plainThrowSync', 'plainRejectAsync']) {
      const res = await fetch(`${await served(target)}/`, { method: 'POST' });
      expect(res.status).toBe(500);
      expect(res.headers.get('x-google-status')).toBe('crash');
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
      expect(text).not.toContain('123-45-6789');
    }
  });

  it('leave an answer already sent alone when the function fails afterwards', async () => {
    const res = await fetch(`${await served('plainAnswerThenReject')}/`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-google-status')).toBeNull();
    expect(await res.json()).toEqual({ ok: true });
  });

  it('cut off a response whose function failed mid-stream rather than leave it hanging', async () => {
    const res = await fetch(`${await served('plainStreamThenReject')}/`, { method: 'POST' });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });
});

describe("the Functions Framework's own CLI (the deployed entry point)", () => {
  let child: ChildProcess | undefined;
  let url = '';

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    // The package's bin (build/src/main.js) sits beside its main entry; its exports map does not name it.
    const main = join(dirname(createRequire(import.meta.url).resolve('@google-cloud/functions-framework')), 'main.js');
    const source = fileURLToPath(new URL('./plain-host-probe.testkit.ts', import.meta.url));
    child = spawn(process.execPath, ['--import', 'tsx', main, `--target=${PLAIN_HOST_PROBE}`, `--source=${source}`], {
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    });
    url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 150; i++) {
      const up = await fetch(`${url}/favicon.ico`).then(
        () => true,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the framework CLI did not start listening within 15 s');
  }, 20_000);

  afterAll(() => {
    child?.kill();
  });

  it('serves a function registered here with node:http directly', async () => {
    const res = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ rawBody: '{"a":', parsedBody: null, expressHelpers: false });
  });
});
