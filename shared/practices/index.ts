export { connectPractice, type ConnectPracticeDeps, type ConnectPracticeResult } from './connect-practice.js';
export { connectPracticeInputSchema, PRACTICE_ID_PATTERN, type ConnectPracticeInput } from './connect-practice-input.js';
export { listPractices, type PracticeListing } from './list-practices.js';
export {
  findPracticeConnection,
  requirePracticeConnection,
  recordNeedsReauth,
  recordTokenRefreshed,
  type PracticeConnection,
} from './practice-connection.js';
export { readPracticeDirectory, type PracticeDirectory } from './read-practice-directory.js';
export { savePractice, replacePracticeRoutes, type PracticeInput } from './save-practice.js';
