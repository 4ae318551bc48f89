/** Cloud Function `retryWorker` (POST, Cloud Scheduler with OIDC): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createRetryWorkerHandler } from './handler.js';

http('retryWorker', createRetryWorkerHandler(getRuntime));
