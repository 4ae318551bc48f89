export { changeLogHash, GENESIS_HASH, type ChangeLogLink } from './change-log-hash.js';
export { verifyChangeLog, type VerifyOptions, type VerifyResult } from './verify-change-log.js';
