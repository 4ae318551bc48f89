// Test-only: one registered function served on loopback with a test Runtime injected,
// set up and torn down by the calling test file's beforeAll/afterAll.
import { afterAll, beforeAll } from 'vitest';
import { setRuntimeForTests } from '../shared/runtime/lazy-runtime.js';
import type { RuntimeOverrides } from '../shared/runtime/create-runtime.js';
import type { Runtime } from '../shared/runtime/runtime.js';
import { createTestRuntime, serveFunction, TEST_ADMIN_TOKEN, type ServedFunction, type TestRuntime } from '../shared/runtime/test-runtime.testkit.js';

export { TEST_ADMIN_TOKEN };

/** The admin bearer token alone. */
export const ADMIN_AUTH: Record<string, string> = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** The admin bearer token on a JSON body. */
export const ADMIN_JSON: Record<string, string> = { ...ADMIN_AUTH, 'content-type': 'application/json' };

export interface FunctionServerOptions {
  /** Settings for the test Runtime; a function gets the served URL (e.g. for PUBLIC_BASE_URL). */
  env?: Record<string, string> | ((url: string) => Record<string, string>);
  overrides?: RuntimeOverrides;
}

export interface FunctionUnderTest {
  /** Base URL of the served target (valid once beforeAll ran). */
  readonly url: string;
  /** The Runtime the function is running on. */
  readonly rt: Runtime;
  /** POSTs `body` as-is to `url + path`; headers default to the admin token on JSON. */
  post(path: string, body: string, headers?: Record<string, string>): Promise<Response>;
}

/** Serves `target` and injects a test Runtime for the whole file; both are closed after it. */
export function useFunctionServer(target: string, options: FunctionServerOptions = {}): FunctionUnderTest {
  let fn: ServedFunction | undefined;
  let t: TestRuntime | undefined;

  beforeAll(async () => {
    fn = await serveFunction(target);
    const env = typeof options.env === 'function' ? options.env(fn.url) : options.env;
    t = await createTestRuntime(env, options.overrides);
    setRuntimeForTests(t.rt);
  });

  afterAll(async () => {
    setRuntimeForTests(undefined);
    await fn?.close();
    await t?.close();
  });

  const started = (): { fn: ServedFunction; t: TestRuntime } => {
    if (!fn || !t) throw new Error(`function ${target} is not served yet (use it inside a test or hook)`);
    return { fn, t };
  };
  return {
    get url() {
      return started().fn.url;
    },
    get rt() {
      return started().t.rt;
    },
    post: (path, body, headers = ADMIN_JSON) => fetch(`${started().fn.url}${path}`, { method: 'POST', body, headers }),
  };
}

/** Starts a loopback service (e.g. a sandbox) before the file's tests and closes it after them; the getter answers it. */
export function useStartedForFile<T extends { close(): Promise<void> }>(start: () => Promise<T>): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
  return () => {
    if (!started) throw new Error('not started yet (use it inside a test or hook)');
    return started;
  };
}
