// Test-only: a DrChrono sandbox whose webhooks point at our served functions, a
// test Runtime, and connected practices. Each sandbox shifts its ids by a random
// base, so files sharing one test database never collide on DrChrono ids.
import { randomBytes, randomInt } from 'node:crypto';
import { startDrChronoSandbox, type DrChronoSandbox, type SandboxPractice, type SignatureMode } from '../../local/drchrono-sandbox/index.js';
import { DRCHRONO_WEBHOOK_SECRET_NAME } from '../../shared/drchrono-webhooks/webhook-signature.js';
import { connectPractice } from '../../shared/practices/connect-practice.js';
import { setRuntimeForTests } from '../../shared/runtime/lazy-runtime.js';
import { createTestRuntime, serveFunction, type ServedFunction, type TestRuntime } from '../../shared/runtime/test-runtime.testkit.js';
import type { Clock } from '../../shared/time/clock.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';

export interface ClinicFixture {
  sandbox: DrChronoSandbox;
  t: TestRuntime;
  served: Record<string, ServedFunction>;
  webhookSecret: string;
  /** Points the sandbox's webhook at drchronoWebhook, signed in `mode`, with `secret` (default: ours). */
  useWebhook(mode: SignatureMode, secret?: string): void;
  /** A sandbox practice connected through the real OAuth flow (routes for its doctors and offices). */
  connect(opts?: { patients?: number }): Promise<{ practiceId: string; practice: SandboxPractice }>;
  close(): Promise<void>;
}

// Real time, instant backoff: DrChrono client retries do not slow the tests down.
const fastRetryClock: Clock = { now: () => new Date(), sleep: async () => undefined };

/** Starts the sandbox, the runtime and the given function targets (their index.ts must be imported by the test). */
export async function startClinicFixture(targets: string[]): Promise<ClinicFixture> {
  const sandbox = await startDrChronoSandbox();
  const served: Record<string, ServedFunction> = {};
  for (const target of targets) served[target] = await serveFunction(target);
  const t = await createTestRuntime({}, { clock: fastRetryClock });
  setRuntimeForTests(t.rt);
  const webhookSecret = randomBytes(20).toString('hex');
  await t.rt.secrets.put(DRCHRONO_WEBHOOK_SECRET_NAME, webhookSecret);
  const webhookUrl = served.drchronoWebhook ? `${served.drchronoWebhook.url}/drchrono-webhook` : undefined;
  return {
    sandbox,
    t,
    served,
    webhookSecret,
    useWebhook(mode, secret = webhookSecret) {
      if (!webhookUrl) throw new Error('drchronoWebhook is not served by this fixture');
      sandbox.setWebhook({ url: webhookUrl, secretToken: secret, signatureMode: mode });
    },
    async connect(opts = {}) {
      const practiceId = uniquePharmacyId('pr_t');
      const practice = sandbox.addPractice({ id: practiceId, seed: randomInt(1_000_000), doctors: 1, offices: 1, patients: opts.patients ?? 2 });
      await connectPractice(t.rt, {
        practiceId,
        name: `Clinic ${practiceId}`,
        clientId: sandbox.oauth.clientId,
        clientSecret: sandbox.oauth.clientSecret,
        code: sandbox.oauth.issueCode(practiceId),
        baseUrl: sandbox.url,
      });
      return { practiceId, practice };
    },
    async close() {
      setRuntimeForTests(undefined);
      await sandbox.close();
      for (const fn of Object.values(served)) await fn.close();
      await t.close();
    },
  };
}
