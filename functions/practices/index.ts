/** Cloud Function `practices` (GET list, POST connect; admin): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createPracticesHandler } from './handler.js';

registerHttpFunction('practices', createPracticesHandler(getRuntime));
