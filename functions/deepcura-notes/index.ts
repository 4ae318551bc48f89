/** Cloud Function `deepcuraNotes` (GET, admin): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDeepCuraNotesHandler } from './handler.js';

registerHttpFunction('deepcuraNotes', createDeepCuraNotesHandler(getRuntime));
