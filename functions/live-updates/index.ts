/** Cloud Function `liveUpdates` (GET, Server-Sent Events): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createLiveUpdatesHandler } from './handler.js';

/** Exported so a test (or a shutdown hook) can close the instance's hub. */
export const liveUpdates = createLiveUpdatesHandler(getRuntime);

registerHttpFunction('liveUpdates', liveUpdates);
