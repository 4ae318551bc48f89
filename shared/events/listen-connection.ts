/** The one long-lived connection a hub LISTENs on: a dedicated client, or one kept out of the pool. */
import pg from 'pg';

/** The narrow slice of a pg client the hub uses. */
export interface ListenClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: (msg: pg.Notification) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

export interface ListenConnection {
  client: ListenClient;
  /** Closes the connection for good (a pooled client is destroyed, never reused: it LISTENed). */
  close(): Promise<void>;
}

/** Opens a LISTEN connection; called again after a drop. */
export type ListenConnector = () => Promise<ListenConnection>;

/** A dedicated pg.Client per connection, outside the pool so it never counts against `max`. */
export function clientListenConnector(
  connectionString: string,
  opts: { applicationName?: string } = {},
): ListenConnector {
  return async () => {
    const client = new pg.Client({ connectionString, application_name: opts.applicationName ?? 'rxbridge-listen' });
    // Attached before connect so an early socket error cannot crash the process.
    client.on('error', () => undefined);
    await client.connect();
    return { client, close: () => client.end().catch(() => undefined) };
  };
}

/** Checks one client out of `pool` and keeps it for as long as the hub listens. */
export function poolListenConnector(pool: pg.Pool): ListenConnector {
  return async () => {
    const client = await pool.connect();
    client.on('error', () => undefined);
    let released = false;
    return {
      client,
      close: async () => {
        if (released) return;
        released = true;
        // `true` destroys it: a client that LISTENed must not go back to the pool.
        client.release(true);
      },
    };
  };
}
