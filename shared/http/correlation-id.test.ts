import { describe, expect, it } from 'vitest';
import { correlationIdOf } from './correlation-id.js';

const fresh = () => 'generated';

describe('correlationIdOf', () => {
  it('prefers X-Correlation-Id', () => {
    expect(correlationIdOf({ 'x-correlation-id': 'abc-1', 'x-cloud-trace-context': 'T/1;o=1' }, fresh)).toBe('abc-1');
  });

  it('takes the trace id from X-Cloud-Trace-Context', () => {
    expect(correlationIdOf({ 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/1;o=1' }, fresh)).toBe(
      '105445aa7843bc8bf206b12000100000',
    );
  });

  it('generates one when none is sent or the sent one has an unsafe shape', () => {
    expect(correlationIdOf({}, fresh)).toBe('generated');
    expect(correlationIdOf({ 'x-correlation-id': 'bad id\nwith newline' }, fresh)).toBe('generated');
  });
});
