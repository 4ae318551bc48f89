import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import './keep-malformed-json.js';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';

http('echoRawBody', (req, res) => {
  res.json({ body: req.body ?? null, raw: req.rawBody?.toString('utf8') ?? null });
});

async function post(body: string): Promise<{ status: number; type: string | null; json: unknown }> {
  const server = getTestServer('echoRawBody');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, type: res.headers.get('content-type'), json: await res.json() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('malformed JSON under the Functions Framework', () => {
  it('reaches the function with no parsed body and the raw bytes kept', async () => {
    const res = await post('{"a": 1, broken');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ body: null, raw: '{"a": 1, broken' });
  });

  it('still parses valid JSON as before', async () => {
    const res = await post('{"a":1}');
    expect(res.json).toEqual({ body: { a: 1 }, raw: '{"a":1}' });
  });
});
