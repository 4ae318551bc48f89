import { describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { ManualClock, systemClock } from './clock.js';

describe('systemClock.sleep', () => {
  it('leaves no abort listener behind after many sleeps on one signal', async () => {
    const ctrl = new AbortController();
    for (let i = 0; i < 20; i++) await systemClock.sleep(0, ctrl.signal);
    expect(getEventListeners(ctrl.signal, 'abort')).toHaveLength(0);
  });

  it('rejects with the abort reason when aborted while sleeping', async () => {
    const ctrl = new AbortController();
    const pending = systemClock.sleep(60_000, ctrl.signal);
    ctrl.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('ManualClock', () => {
  it('advances instead of waiting and records each sleep', async () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    await clock.sleep(1500);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z');
    expect(clock.sleeps).toEqual([1500]);
  });
});
