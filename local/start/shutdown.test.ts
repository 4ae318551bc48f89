import { describe, expect, it } from 'vitest';
import { runStopSteps } from './shutdown.js';

describe('stop steps', () => {
  it('runs every step in order even when one fails, and names the failure', async () => {
    const ran: string[] = [];
    const errors: string[] = [];
    const failed = await runStopSteps(
      [
        { name: 'scheduler', stop: async () => void ran.push('scheduler') },
        { name: 'server', stop: async () => { ran.push('server'); throw new Error('busy'); } },
        { name: 'postgres', stop: async () => void ran.push('postgres') },
      ],
      (name, err) => errors.push(`${name}: ${(err as Error).message}`),
    );
    expect(ran).toEqual(['scheduler', 'server', 'postgres']);
    expect(failed).toEqual(['server']);
    expect(errors).toEqual(['server: busy']);
  });
});
