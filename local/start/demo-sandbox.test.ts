import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoSandbox } from './demo-sandbox.js';

describe('demo sandbox', () => {
  it('serves the same records on a restart from the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rxb-demo-'));
    const first = await startDemoSandbox({ dataDir, port: 0 });
    const before = first.stores.map((s) => JSON.stringify(s.store.data.prescriptions.slice(0, 50)));
    const beforeCount = first.stores[0]?.store.data.prescriptions.length;
    await first.sandbox.close();

    const second = await startDemoSandbox({ dataDir, port: 0 });
    expect(second.stores.map((s) => JSON.stringify(s.store.data.prescriptions.slice(0, 50)))).toEqual(before);
    expect(second.stores[0]?.store.data.prescriptions.length).toBe(beforeCount);
    expect((await readFile(join(dataDir, 'sandbox-epoch'), 'utf8')).trim()).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await second.sandbox.close();
  });

  it('accepts each store key at its heartbeat and refuses a wrong one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rxb-demo-'));
    const { sandbox, stores } = await startDemoSandbox({ dataDir, port: 0 });
    try {
      expect(stores.map((s) => s.demo.id)).toEqual(['ph_demo_1', 'ph_demo_2']);
      for (const s of stores) {
        const ok = await fetch(`${s.baseUrl}/heartbeat`, { headers: { 'X-DRX-Key': s.apiKey } });
        expect(ok.status).toBe(200);
      }
      const bad = await fetch(`${stores[0]?.baseUrl}/heartbeat`, { headers: { 'X-DRX-Key': `DRX${'0'.repeat(32)}` } });
      expect(bad.status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });
});
