import { describe, expect, it } from 'vitest';
import { formatSseEvent } from './sse-format.js';

describe('formatSseEvent', () => {
  it('writes id, the payload type as event name and the payload as one data line', () => {
    const payload = { type: 'sync.completed', pharmacyId: 'ph_1', highlights: ['Dr. A\nB has 2 new Rxs'] };
    expect(formatSseEvent({ id: '42', pharmacyId: 'ph_1', payload })).toBe(
      `id: 42\nevent: sync.completed\ndata: ${JSON.stringify(payload)}\n\n`,
    );
    expect(formatSseEvent({ id: '42', pharmacyId: 'ph_1', payload }).split('\n')).toHaveLength(5);
  });

  it.each([[undefined], [42], ['bad\nname'], ['']])('falls back to "message" when the type is %j', (type) => {
    expect(formatSseEvent({ id: '1', pharmacyId: null, payload: { type } })).toContain('\nevent: message\n');
  });
});
