/** Cloud Function `drchronoSync` (POST, Cloud Scheduler with OIDC or an admin): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrChronoSyncHandler } from './handler.js';

http('drchronoSync', createDrChronoSyncHandler(getRuntime));
