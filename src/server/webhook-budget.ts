/** One request's share of the budget: `take` more bytes (true once they fit), `free` all it holds. */
export interface BudgetHolder {
  take(bytes: number): boolean | Promise<boolean>;
  free(): void;
}

interface Held {
  bytes: number;
  evict: () => void;
}

/**
 * The bytes all in-flight requests of one handler may hold before their signature is checked. A chunk
 * that does not fit waits (its socket is no longer read, so the sender is held back by TCP, not by
 * this process) until room is freed or `stopped` aborts. A request that asks for room while another
 * holds more than twice what it would then hold cuts the largest (`evict`): iAdvize's small
 * deliveries always pass a flood of large slow bodies, and senders of equal size cannot cut each
 * other in a loop. The total never passes `maxBytes`.
 */
export function unverifiedBudget(maxBytes: number): { holder(evict: () => void, stopped: AbortSignal): BudgetHolder } {
  const holders = new Map<BudgetHolder, Held>();
  const waiting: { held: Held; bytes: number; resolve: (fits: boolean) => void }[] = [];
  let used = 0;

  const grant = (held: Held, bytes: number) => ((used += bytes), (held.bytes += bytes), true);
  function largestBut(asking: BudgetHolder): BudgetHolder | undefined {
    let largest: BudgetHolder | undefined;
    for (const [holder, held] of holders) if (holder !== asking && held.bytes > (largest ? holders.get(largest)!.bytes : 0)) largest = holder;
    return largest;
  }
  function drop(holder: BudgetHolder) {
    const held = holders.get(holder);
    if (!held) return;
    holders.delete(holder);
    used -= held.bytes;
    held.bytes = 0;
  }
  function wakeWaiting() {
    while (waiting.length && used + waiting[0]!.bytes <= maxBytes) {
      const { held, bytes, resolve } = waiting.shift()!;
      resolve(grant(held, bytes));
    }
  }

  return {
    holder(evict, stopped) {
      const held: Held = { bytes: 0, evict };
      const self: BudgetHolder = {
        take(bytes) {
          while (used + bytes > maxBytes) {
            const largest = largestBut(self);
            if (!largest || holders.get(largest)!.bytes <= 2 * (held.bytes + bytes)) break;
            const cut = holders.get(largest)!.evict;
            drop(largest);
            cut();
          }
          if (used + bytes <= maxBytes) return grant(held, bytes);
          if (bytes > maxBytes || stopped.aborted) return false;
          return new Promise<boolean>((resolve) => {
            const wait = { held, bytes, resolve };
            waiting.push(wait);
            stopped.addEventListener('abort', () => (waiting.includes(wait) && waiting.splice(waiting.indexOf(wait), 1), resolve(false)), { once: true });
          });
        },
        free() {
          drop(self);
          wakeWaiting();
        },
      };
      holders.set(self, held);
      return self;
    },
  };
}
