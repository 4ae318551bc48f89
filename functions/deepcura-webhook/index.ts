/** Cloud Function `deepcuraWebhook` (POST gridhooks, shared-secret auth): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDeepCuraWebhookHandler } from './handler.js';

http('deepcuraWebhook', createDeepCuraWebhookHandler(getRuntime));
