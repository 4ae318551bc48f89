import { describe, expect, it } from 'vitest';
import { DEMO_STORES, demoApiKey } from './demo-stores.js';

describe('demo stores', () => {
  it('derive a DRX-shaped key from the seed, the same on every start', () => {
    for (const s of DEMO_STORES) {
      expect(demoApiKey(s.seed)).toMatch(/^DRX[0-9a-f]{32}$/);
      expect(demoApiKey(s.seed)).toBe(demoApiKey(s.seed));
    }
    expect(demoApiKey(1)).not.toBe(demoApiKey(2));
  });

  it('are at least two pharmacies with distinct ids and seeds', () => {
    expect(DEMO_STORES.length).toBeGreaterThanOrEqual(2);
    expect(new Set(DEMO_STORES.map((s) => s.id)).size).toBe(DEMO_STORES.length);
    expect(new Set(DEMO_STORES.map((s) => s.seed)).size).toBe(DEMO_STORES.length);
  });
});
