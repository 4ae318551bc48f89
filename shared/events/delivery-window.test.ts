import { describe, expect, it } from 'vitest';
import { DeliveryWindow } from './delivery-window.js';

describe('DeliveryWindow', () => {
  it('returns each id once and moves the floor over contiguous ids', () => {
    const w = new DeliveryWindow('10', 1000);
    expect(w.accept(['11', '12'], 0)).toEqual(['11', '12']);
    expect(w.accept(['11', '12', '13'], 0)).toEqual(['13']);
    expect(w.floor).toBe('13');
  });

  it('keeps the floor below a hole so a late-committing lower id is still returned', () => {
    const w = new DeliveryWindow('10', 1000);
    expect(w.accept(['12'], 0)).toEqual(['12']);
    expect(w.floor).toBe('10');
    expect(w.accept(['11', '12'], 500)).toEqual(['11']);
    expect(w.floor).toBe('12');
  });

  it('gives up on a hole once it has been open for settleMs, so the floor moves on', () => {
    const w = new DeliveryWindow('10', 1000);
    w.accept(['15', '16'], 0);
    w.accept([], 999);
    expect(w.floor).toBe('10');
    w.accept([], 1000);
    expect(w.floor).toBe('16');
    expect(w.head).toBe('16');
  });

  it('ignores ids at or below the floor', () => {
    const w = new DeliveryWindow('100', 1000);
    expect(w.accept(['99', '100', '101'], 0)).toEqual(['101']);
  });

  it('compares ids as numbers, not strings', () => {
    const w = new DeliveryWindow('9', 1000);
    expect(w.accept(['10'], 0)).toEqual(['10']);
    expect(w.floor).toBe('10');
  });
});
