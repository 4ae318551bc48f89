import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { requestDomainSkipped } from './run-without-request-domain.js';
import { http } from '@google-cloud/functions-framework';
import type { Request, Response } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';

// Node sets process.domain while a domain is entered; @types/node does not declare it.
const activeDomain = (): unknown => (process as NodeJS.Process & { domain?: unknown }).domain ?? null;

http('reportDomain', (_req: Request, res: Response) => {
  res.json({ domain: activeDomain() === null ? null : 'set' });
});
http('rejectAsync', async () => {
  await Promise.resolve();
  throw new Error('async failure');
});
http('throwSync', () => {
  throw new Error('sync failure');
});
http('answerThenReject', async (_req: Request, res: Response) => {
  res.status(200).json({ ok: true });
  await Promise.resolve();
  throw new Error('late failure');
});

async function call(target: string): Promise<{ status: number; crash: string | null; text: string }> {
  const server = getTestServer(target);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' });
    return { status: res.status, crash: res.headers.get('x-google-status'), text: await res.text() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('HTTP functions under the Functions Framework, without its per-request domain', () => {
  it('replaces the framework wrapper this framework version uses', () => {
    expect(requestDomainSkipped()).toBe(true);
  });

  it('runs the function outside any domain', async () => {
    const res = await call('reportDomain');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ domain: null });
  });

  it('still answers a rejected promise with the framework crash response', async () => {
    const res = await call('rejectAsync');
    expect(res.status).toBe(500);
    expect(res.crash).toBe('crash');
    expect(res.text).toContain('async failure');
  });

  it('still answers a synchronous throw with the framework crash response', async () => {
    const res = await call('throwSync');
    expect(res.status).toBe(500);
    expect(res.crash).toBe('crash');
    expect(res.text).toContain('sync failure');
  });

  it('leaves an answer already sent alone when the function fails afterwards', async () => {
    const res = await call('answerThenReject');
    expect(res.status).toBe(200);
    expect(res.crash).toBeNull();
    expect(JSON.parse(res.text)).toEqual({ ok: true });
  });
});
