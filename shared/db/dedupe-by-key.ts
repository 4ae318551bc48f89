/** Keeps the last row per key: Postgres refuses to upsert the same key twice in one statement. */

/**
 * The last occurrence of each key wins (a later position on a page is the
 * fresher read); the result is sorted by key so concurrent writers lock rows in
 * the same order and cannot deadlock.
 */
export function dedupeByKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(key(row), row);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
