export type { Runtime } from './runtime.js';
export { createRuntime, type RuntimeOverrides } from './create-runtime.js';
export { getRuntime, setRuntimeForTests } from './lazy-runtime.js';
export { createSyncDeps } from './sync-deps.js';
export { drxClientFor, drxBudgetKey, type DrxClient, type DrxClientTarget } from './drx-client-for.js';
export { createRecordingPublisher, type RecordingPublisher } from './recording-publisher.js';
export { createPublisherFor } from './create-publisher-for.js';
