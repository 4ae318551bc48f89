/** The human lines `npm run sync` prints. */
import type { RunStatus } from '../../shared/db/database.js';
import type { DrxStream } from '../../shared/sync/page-source.js';
import { emptyCounts, type PageProgress, type StreamCounts } from '../../shared/sync/sync-summary.js';
import { EXIT } from './run-cli.js';

/** "prescriptions page 12: offset 1100/2400, +100 new, 0 updated, 0 unchanged" from one page's counts. */
export function progressLine(p: PageProgress, c: StreamCounts = p.counts): string {
  const invalid = c.invalid > 0 ? `, ${c.invalid} invalid` : '';
  const failed = c.failed > 0 ? `, ${c.failed} failed` : '';
  return `${p.stream} page ${p.page}: offset ${p.offset}/${p.total}, +${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged${invalid}${failed}`;
}

/** The process exit code for a run's status. */
export function exitCodeFor(status: RunStatus): number {
  switch (status) {
    case 'succeeded':
      return EXIT.ok;
    case 'partial':
      return EXIT.partial;
    case 'failed':
    case 'running':
      return EXIT.failed;
  }
}

/**
 * The engine reports each stream's running totals after every page; the CLI prints what
 * that page did, so it keeps the previous totals per stream and prints the difference.
 */
export function createProgressFormatter(): (p: PageProgress) => string {
  const previous = new Map<DrxStream, StreamCounts>();
  return (p) => {
    const before = previous.get(p.stream) ?? emptyCounts();
    previous.set(p.stream, { ...p.counts });
    const page = emptyCounts();
    for (const k of Object.keys(page) as Array<keyof StreamCounts>) page[k] = p.counts[k] - before[k];
    return progressLine(p, page);
  };
}
