/** Chooses the Publisher for PUBSUB_BACKEND: the real topic (gcp) or the in-process recorder (local/none). */
import type { Config } from '../config/env-schema.js';
import type { Publisher } from '../events/publisher.js';
import { createPubSubPublisher } from './pubsub-publisher.js';
import { createRecordingPublisher } from './recording-publisher.js';

/** `gcp` → Cloud Pub/Sub in GCP_PROJECT_ID (client created on first publish); otherwise a recorder. */
export function createPublisherFor(config: Pick<Config, 'PUBSUB_BACKEND' | 'GCP_PROJECT_ID'>): Publisher {
  switch (config.PUBSUB_BACKEND) {
    case 'gcp':
      return createPubSubPublisher(config.GCP_PROJECT_ID);
    case 'local':
    case 'none':
      return createRecordingPublisher();
  }
}
