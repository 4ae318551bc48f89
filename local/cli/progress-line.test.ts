import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../shared/sync/sync-summary.js';
import { createProgressFormatter, exitCodeFor, progressLine } from './progress-line.js';

describe('sync progress line', () => {
  it('names the stream, page, offset and what the page did', () => {
    const line = progressLine({
      pharmacyId: 'ph_1',
      stream: 'prescriptions',
      page: 12,
      offset: 1100,
      total: 2400,
      counts: { ...emptyCounts(), fetched: 100, created: 100 },
    });
    expect(line).toBe('prescriptions page 12: offset 1100/2400, +100 new, 0 updated, 0 unchanged');
  });

  it('mentions invalid and failed records only when there were some', () => {
    const line = progressLine({ pharmacyId: 'ph_1', stream: 'doctors', page: 1, offset: 0, total: 41, counts: { ...emptyCounts(), created: 40, invalid: 1 } });
    expect(line).toBe('doctors page 1: offset 0/41, +40 new, 0 updated, 0 unchanged, 1 invalid');
  });
});

describe('sync progress formatter', () => {
  it("prints each page's own counts from the stream's running totals", () => {
    const format = createProgressFormatter();
    const at = (stream: 'prescriptions' | 'fills', page: number, created: number, unchanged: number) => ({
      pharmacyId: 'ph_1',
      stream,
      page,
      offset: (page - 1) * 100,
      total: 250,
      counts: { ...emptyCounts(), created, unchanged },
    });
    expect(format(at('prescriptions', 1, 100, 0))).toBe('prescriptions page 1: offset 0/250, +100 new, 0 updated, 0 unchanged');
    expect(format(at('prescriptions', 2, 160, 40))).toBe('prescriptions page 2: offset 100/250, +60 new, 0 updated, 40 unchanged');
    expect(format(at('fills', 1, 7, 0))).toBe('fills page 1: offset 0/250, +7 new, 0 updated, 0 unchanged');
  });
});

describe('sync exit codes', () => {
  it.each([
    ['succeeded', 0],
    ['partial', 2],
    ['failed', 1],
  ] as const)('a %s run exits %i', (status, code) => {
    expect(exitCodeFor(status)).toBe(code);
  });
});
