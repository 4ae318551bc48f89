/** The database `npm start` uses: DATABASE_URL when set, else an embedded PostgreSQL persisted in `.data/`. */
import { ensureDatabase, startEmbeddedPostgres } from '../postgres/embedded-postgres.js';

export const LOCAL_DATABASE = 'rxbridge';
export const DEFAULT_LOCAL_PG_PORT = 54329;

export interface LocalDatabase {
  url: string;
  /** 'embedded (port 54329, data in .data/pg)' or 'DATABASE_URL'. */
  description: string;
  stop(): Promise<void>;
}

/** Uses DATABASE_URL as is, or starts (first time: initialises) the embedded server and ensures `rxbridge`. */
export async function openLocalDatabase(env: Record<string, string | undefined>, dataDir: string): Promise<LocalDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, description: 'DATABASE_URL', stop: () => Promise.resolve() };
  const port = Number(env.LOCAL_PG_PORT || DEFAULT_LOCAL_PG_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`LOCAL_PG_PORT must be a port number, got ${env.LOCAL_PG_PORT}`);
  const server = await startEmbeddedPostgres({ dir: dataDir, port, persistent: true }).catch((err: unknown) => {
    throw new Error(
      `could not start the embedded PostgreSQL on port ${port} (is another \`npm start\` running? set LOCAL_PG_PORT or DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  });
  try {
    await ensureDatabase(server.urlFor('postgres'), LOCAL_DATABASE);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { url: server.urlFor(LOCAL_DATABASE), description: `embedded PostgreSQL on port ${port}, data in ${dataDir}/pg`, stop: () => server.stop() };
}
