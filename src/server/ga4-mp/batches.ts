/**
 * Items grouped by key until `waitMs` passed or `max` are waiting, then handed to `send` together.
 * Each `add` resolves or rejects with its group's `send`. Nothing waits longer than `waitMs`.
 */
export function batches<T>(waitMs: number, max: number, send: (key: string, items: T[]) => Promise<void>) {
  interface Batch {
    key: string;
    items: T[];
    waiters: { resolve: () => void; reject: (error: unknown) => void }[];
    timer: ReturnType<typeof setTimeout>;
  }
  const open = new Map<string, Batch>();
  const inFlight = new Set<Promise<void>>();

  function dispatch(batch: Batch): void {
    clearTimeout(batch.timer);
    if (open.get(batch.key) === batch) open.delete(batch.key);
    const sending = send(batch.key, batch.items).then(
      () => batch.waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => batch.waiters.forEach((waiter) => waiter.reject(error)),
    );
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }

  return {
    add(key: string, item: T): Promise<void> {
      return new Promise((resolve, reject) => {
        let batch = open.get(key);
        if (!batch) {
          const created: Batch = { key, items: [], waiters: [], timer: setTimeout(() => dispatch(created), waitMs) };
          open.set(key, (batch = created));
        }
        batch.items.push(item);
        batch.waiters.push({ resolve, reject });
        if (batch.items.length >= max) dispatch(batch);
      });
    },
    /** Sends every waiting group now; resolves when every send is done. */
    async flush(): Promise<void> {
      for (const batch of [...open.values()]) dispatch(batch);
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
