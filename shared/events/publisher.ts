/** Pub/Sub as a port: the real topic in the cloud, an in-process recorder locally. */
export interface PublishedMessage {
  data: Record<string, unknown>;
  attributes: Record<string, string>;
}

export interface Publisher {
  /** Publishes one message and resolves with its message id once the broker accepted it. */
  publish(topic: string, message: PublishedMessage): Promise<string>;
}
