import { describe, expect, it } from 'vitest';
import { Subscriber } from './live-subscriber.js';
import type { LiveEvent } from './live-event-reads.js';

const ev = (id: string, pharmacyId = 'ph_a'): LiveEvent => ({ id, pharmacyId, payload: { type: 'sync.completed' } });

describe('Subscriber', () => {
  it('holds live events until the replay is out, then passes on only those the replay did not hold', () => {
    const got: string[] = [];
    const s = new Subscriber((e) => got.push(e.id), {});
    s.live(ev('5'));
    s.live(ev('6'));
    s.replay([ev('4'), ev('5')]);
    s.live(ev('7'));
    expect(got).toEqual(['4', '5', '6', '7']);
  });

  it('drops events of other pharmacies when filtered', () => {
    const got: string[] = [];
    const s = new Subscriber((e) => got.push(e.id), { pharmacyId: 'ph_a' });
    s.replay([]);
    s.live(ev('1', 'ph_b'));
    s.live(ev('2', 'ph_a'));
    s.live({ id: '3', pharmacyId: null, payload: {} });
    expect(got).toEqual(['2']);
  });

  it('keeps only the events naming the practice when filtered by practice', () => {
    const got: string[] = [];
    const s = new Subscriber((e) => got.push(e.id), { practiceId: 'pr_a' });
    s.replay([]);
    s.live({ id: '1', pharmacyId: null, payload: { type: 'ehr.change', practiceId: 'pr_b' } });
    s.live({ id: '2', pharmacyId: null, payload: { type: 'ehr.change', practiceId: 'pr_a' } });
    s.live(ev('3', 'ph_a'));
    expect(got).toEqual(['2']);
  });
});
