/** Cloud Function `syncNow` (POST, admin): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createSyncNowHandler } from './handler.js';

http('syncNow', createSyncNowHandler(getRuntime));
