/**
 * What every function's index.ts imports first: the two ways our functions
 * differ from a stock Functions Framework host. Each is explained in its module.
 */
import './keep-malformed-json.js';
import './run-without-request-domain.js';
