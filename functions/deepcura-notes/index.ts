/** Cloud Function `deepcuraNotes` (GET, admin): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDeepCuraNotesHandler } from './handler.js';

http('deepcuraNotes', createDeepCuraNotesHandler(getRuntime));
