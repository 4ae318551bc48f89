import { describe, expect, it } from 'vitest';
import { deliveryKey } from './delivery-key.js';

describe('deliveryKey', () => {
  it('uses the delivery id when DrChrono sends one', () => {
    expect(deliveryKey(' d-123 ', Buffer.from('{}'))).toEqual({ key: 'd-123', source: 'delivery_id' });
  });

  it('falls back to the sha256 of the body, stable for the same bytes and different for others', () => {
    const a = deliveryKey(undefined, Buffer.from('{"id":1}'));
    expect(a.source).toBe('body_sha256');
    expect(a.key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(deliveryKey('', Buffer.from('{"id":1}'))).toEqual(a);
    expect(deliveryKey(undefined, Buffer.from('{"id":2}')).key).not.toBe(a.key);
  });
});
