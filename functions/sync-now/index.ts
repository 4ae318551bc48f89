/** Cloud Function `syncNow` (POST, admin): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createSyncNowHandler } from './handler.js';

registerHttpFunction('syncNow', createSyncNowHandler(getRuntime));
