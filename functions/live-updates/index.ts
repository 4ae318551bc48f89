/** Cloud Function `liveUpdates` (GET, Server-Sent Events): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createLiveUpdatesHandler } from './handler.js';

/** Exported so a test (or a shutdown hook) can close the instance's hub. */
export const liveUpdates = createLiveUpdatesHandler(getRuntime);

http('liveUpdates', liveUpdates);
