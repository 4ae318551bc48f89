import { describe, expect, it } from 'vitest';
import { newRxHighlights } from './webhook-highlights.js';

describe('newRxHighlights', () => {
  it('names each prescriber with their count, most first, and pluralises', () => {
    const created = new Map([
      ['1', { count: 1, name: 'Smith' }],
      ['2', { count: 3, name: 'Jones' }],
      ['3', { count: 2, name: null }],
    ]);
    expect(newRxHighlights(created)).toEqual(['Dr. Jones has 3 new Rxs', 'A prescriber has 2 new Rxs', 'Dr. Smith has 1 new Rx']);
  });
});
