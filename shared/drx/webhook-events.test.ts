import { describe, expect, it } from 'vitest';
import { DRX_FILL_STATUSES } from './fill-statuses.js';
import { DRX_FILL_STATUS_EVENTS, DRX_WEBHOOK_EVENTS, isDrxFillStatusEvent, isDrxWebhookEvent } from './webhook-events.js';

describe('DRX webhook events', () => {
  it('lists the contract’s fourteen events once each', () => {
    expect(new Set(DRX_WEBHOOK_EVENTS).size).toBe(14);
    expect(DRX_WEBHOOK_EVENTS).toContain('Prescription Created');
    expect(DRX_WEBHOOK_EVENTS).toContain('Update Bin Location');
  });

  it('has a fill-status event for every fill status except Adjudicating', () => {
    expect([...DRX_FILL_STATUS_EVENTS].sort()).toEqual(DRX_FILL_STATUSES.filter((s) => s !== 'Adjudicating').sort());
  });

  it.each([
    ['Sold', true, true],
    ['Prescription Created', true, false],
    ['Delivery', true, false],
    ['Adjudicating', false, false],
    ['sold', false, false],
  ])('classifies %s', (event, isEvent, isFillEvent) => {
    expect(isDrxWebhookEvent(event)).toBe(isEvent);
    expect(isDrxFillStatusEvent(event)).toBe(isFillEvent);
  });
});
