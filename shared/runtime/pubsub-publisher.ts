/** Publishes to Cloud Pub/Sub; the client is loaded and created on first use to keep cold starts small. */
import type { PublishedMessage, Publisher } from '../events/publisher.js';

/** The subset of @google-cloud/pubsub we call. */
export interface PubSubApi {
  topic(name: string): { publishMessage(msg: { json: unknown; attributes: Record<string, string> }): Promise<string> };
}

/** A Publisher over Pub/Sub in `projectId` (default: the project the credentials belong to). */
export function createPubSubPublisher(projectId: string | undefined, api?: PubSubApi): Publisher {
  let client: Promise<PubSubApi> | undefined = api ? Promise.resolve(api) : undefined;
  const pubsub = (): Promise<PubSubApi> =>
    (client ??= import('@google-cloud/pubsub').then(
      ({ PubSub }) => new PubSub(projectId ? { projectId } : {}) as unknown as PubSubApi,
    ));
  return {
    async publish(topic: string, message: PublishedMessage) {
      return (await pubsub()).topic(topic).publishMessage({ json: message.data, attributes: message.attributes });
    },
  };
}
