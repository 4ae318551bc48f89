// package.json "main": the Node.js buildpack starts here, so this registers
// every function. Deployed instances set FUNCTION_SOURCE to their own module
// (infra: function_source_pattern) and so load only what they serve.
import './drx-sync/index.js';
import './sync-now/index.js';
import './pharmacies/index.js';
import './drx-webhook/index.js';
import './live-updates/index.js';
import './outbox-relay/index.js';
import './practices/index.js';
import './drchrono-sync/index.js';
import './drchrono-webhook/index.js';
import './deepcura-webhook/index.js';
import './deepcura-notes/index.js';
import './retry-worker/index.js';
import './dead-letters/index.js';
import './maintenance-cleanup/index.js';
