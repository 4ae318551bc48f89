/** The local Pub/Sub stand-in: keeps what was published in memory, so tests and the dev server can look. */
import { randomUUID } from 'node:crypto';
import type { PublishedMessage, Publisher } from '../events/publisher.js';

export interface RecordingPublisher extends Publisher {
  /** Everything published so far, oldest first. */
  readonly published: { topic: string; message: PublishedMessage; id: string }[];
}

// Bounded so a long-running local stack does not grow without limit.
const MAX_KEPT = 1_000;

/** A publisher that accepts every message at once and remembers the latest MAX_KEPT. */
export function createRecordingPublisher(newId: () => string = randomUUID): RecordingPublisher {
  const published: RecordingPublisher['published'] = [];
  return {
    published,
    async publish(topic, message) {
      const id = newId();
      published.push({ topic, message, id });
      if (published.length > MAX_KEPT) published.splice(0, published.length - MAX_KEPT);
      return id;
    },
  };
}
