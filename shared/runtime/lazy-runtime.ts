/**
 * The instance's Runtime, created on the first request (not at import time, so
 * a cold start that only loads modules stays cheap and a test can install its own).
 */
import { loadConfig } from '../config/load-config.js';
import { createRuntime } from './create-runtime.js';
import type { Runtime } from './runtime.js';

let current: Runtime | undefined;

/** The Runtime of this instance, built from process.env on first use. */
export function getRuntime(): Runtime {
  current ??= createRuntime(loadConfig());
  return current;
}

/** Installs `rt` as this instance's Runtime (tests); `undefined` makes the next getRuntime() build afresh. */
export function setRuntimeForTests(rt: Runtime | undefined): void {
  current = rt;
}
