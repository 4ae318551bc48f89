import { describe, expect, it } from 'vitest';
import type { EhrStream } from './ehr-streams.js';
import { practiceRunMessage, practiceRunStatus } from './practice-run-report.js';
import { emptyEhrCounts, type EhrStreamResult } from './practice-sync-summary.js';

const STREAMS: EhrStream[] = ['patients', 'appointments', 'clinical_notes', 'line_items', 'medications', 'problems', 'allergies', 'insurances'];
const result = (status: EhrStreamResult['status'], errorCode?: string): EhrStreamResult => ({ ...emptyEhrCounts(), status, pages: 0, ...(errorCode ? { errorCode } : {}) });
const all = (status: EhrStreamResult['status'], overrides: Partial<Record<EhrStream, EhrStreamResult>> = {}) =>
  ({ ...Object.fromEntries(STREAMS.map((s) => [s, result(status)])), ...overrides }) as Record<EhrStream, EhrStreamResult>;

describe('practiceRunStatus', () => {
  it.each([
    ['every stream succeeded', all('succeeded'), null, 'succeeded'],
    ['one stream failed', all('succeeded', { line_items: result('failed', 'drchrono_unavailable') }), null, 'partial'],
    ['no stream succeeded', all('failed'), null, 'failed'],
    ['the budget stopped the run, even before anything succeeded', all('skipped'), { code: 'drchrono_budget_exhausted', message: 'spent' }, 'partial'],
    ['the token was refused', all('skipped'), { code: 'drchrono_unauthorized', message: '401' }, 'failed'],
  ] as const)('is right when %s', (_, streams, stoppedBy, expected) => {
    expect(practiceRunStatus(streams, stoppedBy)).toBe(expected);
  });
});

describe('practiceRunMessage', () => {
  it('counts what changed and names the failed streams with their codes', () => {
    const streams = all('succeeded', { medications: { ...result('failed', 'drchrono_budget_exhausted'), created: 2 } });
    const totals = { ...emptyEhrCounts(), created: 1234, updated: 1, deleted: 2, invalid: 1 };
    expect(practiceRunMessage({ practiceId: 'pr_a', status: 'partial', totals, streams, pendingPatients: 3 })).toBe(
      'pr_a: 1,234 new, 1 updated, 2 deleted, 1 invalid record skipped, 3 patients still queued; partial: medications failed (drchrono_budget_exhausted)',
    );
  });
});
