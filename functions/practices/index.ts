/** Cloud Function `practices` (GET list, POST connect; admin): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createPracticesHandler } from './handler.js';

http('practices', createPracticesHandler(getRuntime));
