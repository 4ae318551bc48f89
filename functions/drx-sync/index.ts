/** Cloud Function `drxSync` (POST, Cloud Scheduler with OIDC): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrxSyncHandler } from './handler.js';

registerHttpFunction('drxSync', createDrxSyncHandler(getRuntime));
