import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { AppError } from '../errors/app-error.js';
import { createLogger } from '../log/logger.js';
import { sendError } from './send-error.js';
import type { HttpResponse } from './http-types.js';

class RecordedResponse implements HttpResponse {
  statusCode = 200;
  headers: Record<string, string> = {};
  body = '';
  setHeader(name: string, value: string | number): void {
    this.headers[name.toLowerCase()] = String(value);
  }
  end(chunk?: string): void {
    this.body = chunk ?? '';
  }
}

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, log: createLogger({ level: 'debug', destination }) };
}

describe('sendError', () => {
  it('answers an input error with its status, code, message and details', () => {
    const res = new RecordedResponse();
    const { log } = capture();
    sendError(res, new AppError('conflict', 'sync_running', 'a sync is running', { runId: 'r1' }), log, 'c1');
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'sync_running', message: 'a sync is running', runId: 'r1' } });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('adds Retry-After to retryable errors', () => {
    const res = new RecordedResponse();
    sendError(res, new AppError('retryable', 'drx_unavailable', 'DRX unavailable', {}, { retryAfterSeconds: 7 }), capture().log);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
  });

  it('hides an unexpected error behind a 500 and logs only its name', () => {
    const res = new RecordedResponse();
    const { lines, log } = capture();
    sendError(res, new TypeError('cannot read Jane Doe'), log, 'corr-9');
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'internal', message: 'internal error', correlationId: 'corr-9' } });
    expect(lines.join('')).toContain('TypeError');
    expect(lines.join('')).not.toContain('Jane');
  });

  it('answers a database that cannot serve now with 503 database_unavailable and Retry-After, not a 500', () => {
    const res = new RecordedResponse();
    const { lines, log } = capture();
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:5432'), { code: 'ECONNREFUSED' });
    sendError(res, refused, log, 'corr-db');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'database_unavailable', message: 'the database is unavailable right now; retry later' } });
    expect(lines.join('')).toContain('"causeCode":"ECONNREFUSED"');
    expect(lines.join('')).not.toContain('10.0.0.9');
  });
});
