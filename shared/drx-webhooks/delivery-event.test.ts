import { describe, expect, it } from 'vitest';
import { deliveryKey, resolveEvent, streamOf } from './delivery-event.js';

describe('resolveEvent', () => {
  it.each([
    ['Waiting Bin', { id: 1, prescription_id: 2, status: 'Sold' }, 'Waiting Bin'],
    [undefined, { id: 1, prescription_fills: [] }, 'Prescription Created'],
    [undefined, { id: 1, prescription_id: 2, status: 'Sold' }, 'Sold'],
    ['', { id: 1, prescription_id: 2 }, 'fill'],
    [undefined, { id: 1 }, 'unknown'],
    [undefined, [1, 2], 'unknown'],
    [undefined, null, 'unknown'],
  ])('with query %j and body %j gives %j', (query, body, event) => {
    expect(resolveEvent(query, body)).toBe(event);
  });
});

describe('streamOf', () => {
  it('sends Prescription Created to prescriptions and everything else to fills', () => {
    expect(streamOf('Prescription Created')).toBe('prescriptions');
    expect(streamOf('Sold')).toBe('fills');
  });
});

describe('deliveryKey', () => {
  it('is stable for the same delivery and differs by event or body', () => {
    const body = Buffer.from('{"id":1}');
    expect(deliveryKey('ph_a', 'Sold', body)).toBe(deliveryKey('ph_a', 'Sold', Buffer.from('{"id":1}')));
    expect(deliveryKey('ph_a', 'Sold', body)).not.toBe(deliveryKey('ph_a', 'Hold', body));
    expect(deliveryKey('ph_a', 'Sold', body)).not.toBe(deliveryKey('ph_a', 'Sold', Buffer.from('{"id":2}')));
    // DRX ids are per store: the same bytes from another pharmacy are a different delivery.
    expect(deliveryKey('ph_a', 'Sold', body)).not.toBe(deliveryKey('ph_b', 'Sold', body));
  });
});
