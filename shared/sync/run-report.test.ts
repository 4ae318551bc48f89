import { describe, expect, it } from 'vitest';
import { highlights, runMessage, runStatus } from './run-report.js';
import type { StreamResult } from './sync-summary.js';

const ok: StreamResult = { fetched: 1, created: 1, updated: 0, unchanged: 0, invalid: 0, failed: 0, status: 'succeeded', pages: 1 };
const bad: StreamResult = { ...ok, status: 'failed', errorCode: 'drx_unavailable' };
const skipped: StreamResult = { ...ok, status: 'skipped' };

describe('runStatus', () => {
  it.each([
    ['all succeeded', { doctors: ok, prescriptions: ok, fills: ok }, false, 'succeeded'],
    ['one failed', { doctors: ok, prescriptions: bad, fills: ok }, false, 'partial'],
    ['all failed', { doctors: bad, prescriptions: bad, fills: bad }, false, 'failed'],
    ['stopped by a permanent error', { doctors: ok, prescriptions: bad, fills: skipped }, true, 'failed'],
  ] as const)('%s → %s', (_name, streams, stopped, expected) => {
    expect(runStatus(streams, stopped)).toBe(expected);
  });
});

describe('highlights', () => {
  it('names the five prescribers with most new Rxs, singular for one, skipping nameless ones', () => {
    const m = new Map([
      ['1', { count: 2, name: 'Smith' }],
      ['2', { count: 1, name: 'Nguyen' }],
      ['3', { count: 9, name: null }],
      ['4', { count: 3, name: 'Garcia' }],
      ['5', { count: 1, name: 'Adams' }],
      ['6', { count: 1, name: 'Baker' }],
      ['7', { count: 1, name: 'Cole' }],
    ]);
    expect(highlights(m)).toEqual([
      'Dr. Garcia has 3 new Rxs',
      'Dr. Smith has 2 new Rxs',
      'Dr. Adams has 1 new Rx',
      'Dr. Baker has 1 new Rx',
      'Dr. Cole has 1 new Rx',
    ]);
  });
});

describe('runMessage', () => {
  it('uses thousands separators and mentions invalid records', () => {
    const message = runMessage({ pharmacyId: 'ph_demo_1', status: 'succeeded', newPrescribers: 37, newPrescriptions: 2410, invalid: 3, streams: { doctors: ok, prescriptions: ok, fills: ok } });
    expect(message).toBe('ph_demo_1: 37 new prescribers, 2,410 new Rxs, 3 invalid records skipped');
  });
  it('names the failed streams of a partial run', () => {
    const message = runMessage({ pharmacyId: 'p', status: 'partial', newPrescribers: 1, newPrescriptions: 1, invalid: 0, streams: { doctors: ok, prescriptions: bad, fills: ok } });
    expect(message).toBe('p: 1 new prescriber, 1 new Rx; partial: prescriptions failed (drx_unavailable)');
  });
});
