/** One request's share of the budget: `take` more bytes, `free` all it holds. */
export interface BudgetHolder {
  take(bytes: number): boolean;
  free(): void;
}

/**
 * The bytes all in-flight requests of one handler may hold before their signature is checked. When a
 * chunk does not fit, the request holding the most is cut (`evict`) if it holds more than the one
 * asking: a flood of large slow bodies cannot starve iAdvize's small deliveries, and the total
 * never passes `maxBytes`.
 */
export function unverifiedBudget(maxBytes: number): { holder(evict: () => void): BudgetHolder } {
  const holders = new Map<BudgetHolder, { bytes: number; evict: () => void }>();
  let used = 0;

  function largestBut(asking: BudgetHolder): BudgetHolder | undefined {
    let largest: BudgetHolder | undefined;
    for (const [holder, held] of holders) if (holder !== asking && held.bytes > (largest ? holders.get(largest)!.bytes : 0)) largest = holder;
    return largest;
  }

  return {
    holder(evict) {
      const self: BudgetHolder = {
        take(bytes) {
          const mine = holders.get(self)!;
          while (used + bytes > maxBytes) {
            const largest = largestBut(self);
            if (!largest || holders.get(largest)!.bytes <= mine.bytes + bytes) return false;
            const { evict: cut } = holders.get(largest)!;
            largest.free();
            cut();
          }
          used += bytes;
          mine.bytes += bytes;
          return true;
        },
        free() {
          used -= holders.get(self)?.bytes ?? 0;
          holders.delete(self);
        },
      };
      holders.set(self, { bytes: 0, evict });
      return self;
    },
  };
}
