import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';
import { maskSecret, maskedErrorText } from './mask.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('writes Cloud Logging severity and message fields', async () => {
    const { lines, destination } = capture();
    createLogger({ destination }).child({ correlationId: 'c-1' }).warn('page retried', { attempt: 2 });
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ severity: 'WARNING', message: 'page retried', correlationId: 'c-1', attempt: 2 });
  });

  it('redacts fields named like secrets or PHI even if a caller passes them', async () => {
    const { lines, destination } = capture();
    createLogger({ destination }).info('oops', { apiKey: 'DRXabc', token: 't', last_name: 'Doe', pharmacyId: 'p1' });
    await new Promise((r) => setImmediate(r));
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('DRXabc');
    expect(text).not.toContain('Doe');
    expect(lines[0]?.pharmacyId).toBe('p1');
  });
});

describe('masking', () => {
  it('keeps only the last four characters', () => {
    expect(maskSecret('DRX0123456789abcdef0123456789abcdef')).toBe('****cdef');
    expect(maskSecret('abc')).toBe('****');
  });
  it('scrubs secrets out of error text', () => {
    const text = maskedErrorText(new Error('401 for key DRXsecretvalue1234'), ['DRXsecretvalue1234']);
    expect(text).toBe('401 for key ****1234');
  });
});
