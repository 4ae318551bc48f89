import { describe, expect, it } from 'vitest';
import { ManualClock } from '../time/clock.js';
import { createDrChronoHttpClient } from './drchrono-http-client.js';
import type { DrChronoRequester, SendRequest } from './drchrono-requester.js';

// A requester answering by URL; it fails the test instead of looping for ever.
function stub(answer: (url: string) => unknown): { requester: DrChronoRequester; sent: string[] } {
  const sent: string[] = [];
  const requester: DrChronoRequester = {
    vet: (url) => new URL(url),
    resume: (url) => new URL(url),
    send: async (req: SendRequest) => {
      const url = typeof req.target === 'string' ? `https://app.drchrono.test${req.target}?${req.query?.toString() ?? ''}` : req.target.href;
      sent.push(url);
      if (sent.length > 20) throw new Error('kept following next links');
      return answer(url);
    },
  };
  return { requester, sent };
}

describe('DrChrono HTTP client next links', () => {
  it('stops on a next link it already followed instead of paging for ever', async () => {
    const loop = 'https://app.drchrono.test/api/line_item_deletions?cursor=a';
    const { requester, sent } = stub(() => ({ results: [{ id: 1 }], next: loop }));
    const err = await createDrChronoHttpClient(requester, new ManualClock()).lineItemDeletions(null).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'drchrono_bad_response', kind: 'retryable' });
    expect(sent).toHaveLength(2);
  });
});
