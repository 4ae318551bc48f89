/** Cloud Function `drxWebhook` (POST from DRX, header-secret auth): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrxWebhookHandler } from './handler.js';

registerHttpFunction('drxWebhook', createDrxWebhookHandler(getRuntime));
