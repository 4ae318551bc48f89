// Counters a test reads to prove what a client did (how many calls, which
// paths, how many refused).

/** A snapshot of the counters. */
export interface SandboxStats {
  /** API requests (everything under /api), including refused ones. */
  requests: number;
  /** API requests per route pattern, e.g. '/api/patients/:id'. */
  byPath: Record<string, number>;
  /** Authenticated API requests per practice id. */
  byPractice: Record<string, number>;
  /** 401s for a missing, unknown or expired token. */
  unauthorized: number;
  /** 429s, from the hourly budget or injected. */
  rateLimited: number;
  /** 302s sent to the second origin. */
  redirects: number;
  /** POST /o/token/ requests, whatever their outcome. */
  tokenRequests: number;
  /** Requests spent from the hourly budget in the current clock hour. */
  budgetUsedThisHour: number;
}

/** The counters; `budgetUsedThisHour` is filled in when read. */
export class StatsCounter {
  private s: Omit<SandboxStats, 'budgetUsedThisHour'> = StatsCounter.empty();

  private static empty(): Omit<SandboxStats, 'budgetUsedThisHour'> {
    return { requests: 0, byPath: {}, byPractice: {}, unauthorized: 0, rateLimited: 0, redirects: 0, tokenRequests: 0 };
  }

  /** Counts one API request to a route. */
  request(route: string): void {
    this.s.requests += 1;
    this.s.byPath[route] = (this.s.byPath[route] ?? 0) + 1;
  }

  /** Counts one authenticated request of a practice. */
  practice(id: string): void {
    this.s.byPractice[id] = (this.s.byPractice[id] ?? 0) + 1;
  }

  /** Counts one outcome. */
  count(what: 'unauthorized' | 'rateLimited' | 'redirects' | 'tokenRequests'): void {
    this.s[what] += 1;
  }

  /** A copy of the counters. */
  snapshot(budgetUsedThisHour: number): SandboxStats {
    return { ...structuredClone(this.s), budgetUsedThisHour };
  }

  /** Zeroes every counter (the budget is not a counter and stays). */
  reset(): void {
    this.s = StatsCounter.empty();
  }
}
