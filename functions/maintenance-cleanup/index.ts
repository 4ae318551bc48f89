/** Cloud Function `maintenanceCleanup` (POST, Cloud Scheduler with OIDC): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createMaintenanceCleanupHandler } from './handler.js';

registerHttpFunction('maintenanceCleanup', createMaintenanceCleanupHandler(getRuntime));
