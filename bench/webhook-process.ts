// The webhook ingest scenario in a process of its own (bench/webhook-client.ts
// starts it), as a deployed webhook function runs in an instance of its own:
// the heap and timers the DRX scenarios leave in the parent (a 100k-row sync)
// must not slow the servers measured here. Argument: the PostgreSQL server's
// admin URL. Prints the scenario's report lines; sends its targets over IPC.
import { startBenchServer } from './bench-db.js';
import { webhookIngest } from './scenarios/webhook-ingest.js';

const adminUrl = process.argv[2];
if (!adminUrl || !process.send) throw new Error('usage: started by bench/webhook-client.ts with the admin URL and an IPC channel');
const server = await startBenchServer(adminUrl);
try {
  const targets = await webhookIngest(server);
  await new Promise<void>((resolve, reject) => process.send?.(targets, (err: Error | null) => (err ? reject(err) : resolve())));
} finally {
  await server.stop();
}
