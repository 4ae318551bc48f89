/** Cloud Function `drchronoSync` (POST, Cloud Scheduler with OIDC or an admin): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrChronoSyncHandler } from './handler.js';

registerHttpFunction('drchronoSync', createDrChronoSyncHandler(getRuntime));
