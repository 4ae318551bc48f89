import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createLogger } from '../log/logger.js';
import { ManualClock } from '../time/clock.js';
import { createDrChronoRequester } from './drchrono-requester.js';

// Only the URL checks are under test: no call reaches the network.
const requester = (baseUrl: string, fetchImpl?: typeof fetch) =>
  createDrChronoRequester({
    practiceId: 'pr_test',
    baseUrl,
    auth: { token: async () => 'tok', refresh: async () => 'tok2' },
    budget: { take: async () => undefined, rateLimited: async () => new AppError('retryable', 'drchrono_budget_exhausted', 'spent') },
    clock: new ManualClock(),
    log: createLogger({ level: 'silent' }),
    timeoutMs: 1000,
    ...(fetchImpl ? { fetchImpl } : {}),
  });

describe('DrChrono requester link checks', () => {
  it('accepts a next link on the base host with the base scheme', () => {
    expect(requester('https://app.drchrono.test').vet('https://app.drchrono.test/api/patients?cursor=2').pathname).toBe('/api/patients');
  });

  it('refuses a next link that downgrades an https base to http, even on the same host', () => {
    expect(() => requester('https://app.drchrono.test').vet('http://app.drchrono.test/api/patients?cursor=2')).toThrow(/host we do not send tokens to/);
  });

  it('keeps an http base (the local sandbox) working with http links', () => {
    expect(requester('http://127.0.0.1:9000').vet('http://127.0.0.1:9000/api/patients?cursor=2').host).toBe('127.0.0.1:9000');
  });

  it('does not trust a host reached through a refused downgrade redirect', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (input: string | URL | Request) => {
      const url = String(input);
      seen.push(url);
      return new Response(null, { status: 302, headers: { location: 'http://cdn.drchrono.test/notes' } });
    }) as typeof fetch;
    const r = requester('https://app.drchrono.test', fetchImpl);
    await expect(r.send({ target: '/api/clinical_notes' })).rejects.toThrow(/another scheme/);
    expect(seen).toEqual(['https://app.drchrono.test/api/clinical_notes']);
    expect(() => r.vet('https://cdn.drchrono.test/notes')).toThrow(/host we do not send tokens to/);
  });
});
