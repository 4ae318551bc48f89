import { describe, expect, it } from 'vitest';
import { fillRow } from '../../test/support/drx-rows.js';
import type { Page } from './page-source.js';
import { countsByPage } from './page-counts.js';

const page = (offset: number, ids: number[]): Page<'fills'> => ({
  stream: 'fills', offset, fetched: ids.length, total: 99, rows: ids.map((n) => fillRow(n, n)), invalid: [], maxDate: null, last: false,
});

describe('countsByPage', () => {
  it('gives each page of a batch what happened to its own rows', () => {
    const written = new Map([['f1', true], ['f4', false], ['f5', true]]);
    const result = countsByPage([page(0, [1, 2, 3]), page(3, [4, 5, 6])], { created: 2, updated: 1, unchanged: 3 }, written);
    expect(result).toEqual([
      { created: 1, updated: 0, unchanged: 2 },
      { created: 1, updated: 1, unchanged: 1 },
    ]);
  });

  it('counts a row on two pages where it was written from, its last page, and as unchanged before', () => {
    const result = countsByPage([page(0, [1, 2]), page(2, [2, 3])], { created: 1, updated: 0, unchanged: 3 }, new Map([['f2', true]]));
    expect(result).toEqual([
      { created: 0, updated: 0, unchanged: 2 },
      { created: 1, updated: 0, unchanged: 1 },
    ]);
  });

  it('returns the total for a single page as is', () => {
    const total = { created: 5, updated: 1, unchanged: 0 };
    expect(countsByPage([page(0, [1])], total, new Map())).toEqual([total]);
  });
});
