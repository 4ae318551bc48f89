import { describe, expect, it } from 'vitest';
import { describeIssues } from '../http/describe-issues.js';
import { deadLetterFilterSchema, replayRequestSchema } from './dead-letter-filter.js';

function problemsOf(input: unknown): string[] {
  const parsed = replayRequestSchema.safeParse(input);
  return parsed.success ? [] : describeIssues(parsed.error.issues);
}

describe('dead-letter filter: since', () => {
  it.each([null, 0, false, true, '', 'yesterday', '1700000000', '2026-13-01', '2026-01-01T00:00:00', 1_700_000_000_000])(
    'refuses %j, naming the field, instead of reading it as the epoch',
    (since) => {
      const problems = problemsOf({ since });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^since: /);
    },
  );

  it('takes an ISO date or an ISO date-time with a zone, in a body or a query string', () => {
    expect(replayRequestSchema.parse({ since: '2026-01-02' }).since).toEqual(new Date('2026-01-02T00:00:00Z'));
    expect(replayRequestSchema.parse({ since: '2026-01-02T03:04:05Z' }).since).toEqual(new Date('2026-01-02T03:04:05Z'));
    expect(deadLetterFilterSchema.parse({ since: '2026-01-02T03:04:05.123+02:00' }).since).toEqual(new Date('2026-01-02T01:04:05.123Z'));
    expect(deadLetterFilterSchema.parse({}).since).toBeUndefined();
  });
});
