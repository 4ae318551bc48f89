/** Cloud Function `drxWebhook` (POST from DRX, header-secret auth): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrxWebhookHandler } from './handler.js';

http('drxWebhook', createDrxWebhookHandler(getRuntime));
