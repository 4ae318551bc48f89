/** Where `npm start` keeps its state: `.data/` under the repository root (git-ignored). */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root, wherever the process was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `.data/` under the repository root. */
export const DATA_DIR = join(REPO_ROOT, '.data');
