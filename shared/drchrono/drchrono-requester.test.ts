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

describe('DrChrono requester on a 429', () => {
  function throttled(answers: Response[]) {
    const clock = new ManualClock(new Date('2026-03-10T10:15:00Z'));
    let rateLimited = 0;
    const r = createDrChronoRequester({
      practiceId: 'pr_test',
      baseUrl: 'https://app.drchrono.test',
      auth: { token: async () => 'tok', refresh: async () => 'tok2' },
      budget: {
        take: async () => undefined,
        rateLimited: async () => {
          rateLimited++;
          return new AppError('retryable', 'drchrono_budget_exhausted', 'spent');
        },
      },
      clock,
      log: createLogger({ level: 'silent' }),
      timeoutMs: 1000,
      fetchImpl: (async () => answers.shift() ?? Response.json({ results: [] })) as typeof fetch,
    });
    return { r, clock, rateLimited: () => rateLimited };
  }

  it('waits a short Retry-After (seconds) and asks again instead of giving up the hour', async () => {
    const t = throttled([new Response(null, { status: 429, headers: { 'retry-after': '3' } }), Response.json({ results: [1] })]);
    expect(await t.r.send({ target: '/api/patients' })).toEqual({ results: [1] });
    expect(t.clock.sleeps).toEqual([3000]);
    expect(t.rateLimited()).toBe(0);
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const t = throttled([new Response(null, { status: 429, headers: { 'retry-after': 'Tue, 10 Mar 2026 10:15:05 GMT' } }), Response.json({ results: [] })]);
    expect(await t.r.send({ target: '/api/patients' })).toEqual({ results: [] });
    expect(t.clock.sleeps).toEqual([5000]);
  });

  it('stops for the hour on a 429 without Retry-After, or with one too long to wait', async () => {
    for (const headers of [{}, { 'retry-after': '3600' }, { 'retry-after': 'soon' }] as Record<string, string>[]) {
      const t = throttled([new Response(null, { status: 429, headers })]);
      await expect(t.r.send({ target: '/api/patients' })).rejects.toMatchObject({ code: 'drchrono_budget_exhausted' });
      expect(t.clock.sleeps).toEqual([]);
      expect(t.rateLimited()).toBe(1);
    }
  });

  it('bounds the retries of repeated short Retry-Afters', async () => {
    const t = throttled(Array.from({ length: 10 }, () => new Response(null, { status: 429, headers: { 'retry-after': '1' } })));
    await expect(t.r.send({ target: '/api/patients' })).rejects.toMatchObject({ code: 'drchrono_budget_exhausted' });
    expect(t.clock.sleeps).toEqual([1000, 1000, 1000]);
    expect(t.rateLimited()).toBe(1);
  });
});
