/** Cloud Function `deepcuraWebhook` (POST gridhooks, shared-secret auth): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDeepCuraWebhookHandler } from './handler.js';

registerHttpFunction('deepcuraWebhook', createDeepCuraWebhookHandler(getRuntime));
