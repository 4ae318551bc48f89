/** Cloud Function `retryWorker` (POST, Cloud Scheduler with OIDC): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createRetryWorkerHandler } from './handler.js';

registerHttpFunction('retryWorker', createRetryWorkerHandler(getRuntime));
