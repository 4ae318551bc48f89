import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../errors/app-error.js';
import { sendDrChronoAttempt } from './drchrono-attempt.js';

// A real loopback server whose answers are chosen by path.
let server: Server;
let base: string;
const seenAuth: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuth.push(req.headers.authorization ?? '');
    const path = req.url ?? '/';
    if (path.startsWith('/loop')) return void res.writeHead(302, { location: `/loop${seenAuth.length}` }).end();
    if (path === '/ftp') return void res.writeHead(302, { location: 'ftp://files.example/x' }).end();
    if (path === '/hop') return void res.writeHead(302, { location: '/data' }).end();
    if (path === '/data') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[]}');
    if (path === '/garbage') return void res.writeHead(200).end('<html>');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const attempt = (path: string, hosts: string[] = []) =>
  sendDrChronoAttempt({ method: 'GET', url: new URL(path, base), protocol: 'http:', token: 'tok', timeoutMs: 5000, fetchImpl: fetch, onRedirectHost: (h) => hosts.push(h) });

describe('one DrChrono attempt', () => {
  it('follows a redirect by hand, resending the bearer token, and reports the host', async () => {
    const hosts: string[] = [];
    seenAuth.length = 0;
    expect(await attempt('/hop', hosts)).toEqual({ kind: 'json', json: { results: [] } });
    expect(seenAuth).toEqual(['Bearer tok', 'Bearer tok']);
    expect(hosts).toEqual([new URL(base).host]);
  });

  it('stops after three redirects with a permanent error', async () => {
    seenAuth.length = 0;
    const err = await attempt('/loop').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/more than 3 redirects/);
    expect(seenAuth).toHaveLength(4);
  });

  it('refuses a redirect to a non-http(s) URL', async () => {
    const err = await attempt('/ftp').catch((e: unknown) => e);
    expect((err as AppError).message).toMatch(/non-http\(s\) URL/);
  });

  it('refuses a redirect from https to http without sending the token there', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return String(input).startsWith('https:')
        ? new Response(null, { status: 302, headers: { location: 'http://app.drchrono.test/data' } })
        : Response.json({ results: [] });
    }) as typeof fetch;
    const hosts: string[] = [];
    const err = await sendDrChronoAttempt({
      method: 'GET', url: new URL('https://app.drchrono.test/hop'), protocol: 'https:', token: 'tok', timeoutMs: 5000, fetchImpl, onRedirectHost: (h) => hosts.push(h),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/another scheme/);
    expect(seen.map((s) => s.url)).toEqual(['https://app.drchrono.test/hop']);
    expect(hosts).toEqual([]);
  });

  it('reports a non-JSON body as a transient bad response and a 404 as a status', async () => {
    expect(await attempt('/garbage')).toEqual({ kind: 'transient', failure: 'bad_response', status: 200 });
    expect(await attempt('/nothing')).toEqual({ kind: 'status', status: 404 });
  });

  it('reports a refused connection as a transient connection failure', async () => {
    const closed = sendDrChronoAttempt({ method: 'GET', url: new URL('http://127.0.0.1:1/x'), protocol: 'http:', token: 't', timeoutMs: 2000, fetchImpl: fetch, onRedirectHost: () => undefined });
    expect(await closed).toEqual({ kind: 'transient', failure: 'connection', status: null });
  });
});
