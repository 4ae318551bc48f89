/** Cloud Function `drxSync` (POST, Cloud Scheduler with OIDC): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrxSyncHandler } from './handler.js';

http('drxSync', createDrxSyncHandler(getRuntime));
