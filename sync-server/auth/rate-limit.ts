// Counts failed logins per key (username, client address) in a sliding window. In memory:
// a restart forgets the counts, which only gives a guesser a few more tries.
export interface FailureLimiter {
  /** Milliseconds until the key may try again, or 0 when it may now. */
  blockedFor(key: string): number;
  fail(key: string): void;
  clear(key: string): void;
}

export function failureLimiter(options: { max: number; windowMs: number; now: () => number }): FailureLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = options.now() - options.windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  return {
    blockedFor(key) {
      const list = recent(key);
      if (list.length < options.max) return 0;
      return list[list.length - options.max]! + options.windowMs - options.now();
    },
    fail(key) {
      // Guessing across many names must not grow memory without bound: drop stale keys.
      if (failures.size > 10_000) for (const k of [...failures.keys()]) recent(k);
      const list = recent(key);
      list.push(options.now());
      failures.set(key, list.slice(-options.max)); // older entries cannot matter any more
    },
    clear(key) {
      failures.delete(key);
    },
  };
}
