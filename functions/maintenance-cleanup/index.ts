/** Cloud Function `maintenanceCleanup` (POST, Cloud Scheduler with OIDC): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createMaintenanceCleanupHandler } from './handler.js';

http('maintenanceCleanup', createMaintenanceCleanupHandler(getRuntime));
