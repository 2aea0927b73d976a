/** One request's share of the budget: `take` more bytes (true once they fit), `free` all it holds and its place. */
export interface BudgetHolder {
  take: (bytes: number) => boolean | Promise<boolean>;
  free: () => void;
}

interface Held {
  bytes: number;
  /** The chunk it read and waits to hold: it costs memory, though not yet the budget. */
  pending: number;
  evict: () => void;
}

/**
 * Each request that reads its body holds a chunk Node buffered, and one more while it waits for room:
 * about 128 KiB at most. So at most one request reads per 128 KiB of the budget (8 or more); the others
 * are not read at all, and TCP holds their senders back.
 */
const BYTES_PER_READER = 128 * 1024;

/**
 * The bytes all in-flight requests of one handler may hold before their signature is checked, and how
 * many of them may read their body at once. A request `enter`s first (it waits for a place), then
 * `take`s room for each chunk; a chunk that does not fit waits (its socket is no longer read) until
 * room is freed or `stopped` aborts. A request that needs a place or room while another holds more
 * than twice what it would then hold cuts the largest (`evict`): iAdvize's small deliveries always
 * pass a flood of large slow bodies, and senders of equal size cannot cut each other in a loop.
 */
/** Announced sizes below this are equal for cutting and for places: first come, first served. */
const CUT_FLOOR = 64 * 1024;

export function unverifiedBudget(
  maxBytes: number,
  maxReaders = Math.max(8, Math.floor(maxBytes / BYTES_PER_READER)),
  cutFloor = CUT_FLOOR,
) {
  const holders = new Map<BudgetHolder, Held>();
  const waiting: { held: Held; bytes: number; resolve: (fits: boolean) => void }[] = [];
  const entering: { announced: number; enter: () => void }[] = [];
  let used = 0;

  const grant = (held: Held, bytes: number) => ((used += bytes), (held.bytes += bytes), true);
  /** Cuts the largest holder but `asking` if it holds (`pending` chunk included, or not) more than twice `bytes`. */
  function cutLargest(bytes: number, pending: boolean, asking?: BudgetHolder): boolean {
    const size = (held: Held) => held.bytes + (pending ? held.pending : 0);
    let largest: [BudgetHolder, Held] | undefined;
    for (const entry of holders) if (entry[0] !== asking && size(entry[1]) > (largest ? size(largest[1]) : 0)) largest = entry;
    if (!largest || size(largest[1]) <= 2 * bytes) return false;
    drop(largest[0]);
    largest[1].evict();
    return true;
  }
  function drop(holder: BudgetHolder) {
    const held = holders.get(holder);
    if (!held) return;
    holders.delete(holder);
    used -= held.bytes;
    held.bytes = 0;
  }
  function wakeWaiting() {
    while (waiting.length && used + waiting[0].bytes <= maxBytes) {
      const { held, bytes, resolve } = waiting.shift()!;
      held.pending = 0;
      resolve(grant(held, bytes));
    }
    admit();
  }
  /** Lets waiting requests in: the first when a place is free, the smallest when it may cut a reader. */
  function admit() {
    while (entering.length) {
      if (holders.size < maxReaders) entering.shift()!.enter();
      else {
        const smallest = entering.reduce((one, other) => (other.announced < one.announced ? other : one));
        if (!cutLargest(smallest.announced, true)) return;
        entering.splice(entering.indexOf(smallest), 1);
        smallest.enter();
      }
    }
  }
  function holder(announced: number, evict: () => void, stopped: AbortSignal): BudgetHolder {
    const held: Held = { bytes: 0, pending: 0, evict };
    const self: BudgetHolder = {
      take(bytes) {
        // It may cut only one holding more than twice what it will: equals never cut each other.
        while (used + bytes > maxBytes && cutLargest(Math.max(announced, held.bytes + bytes), false, self));
        if (used + bytes <= maxBytes) return grant(held, bytes) && (admit(), true);
        if (bytes > maxBytes || stopped.aborted) return false;
        return new Promise<boolean>((resolve) => {
          const stop = () => (waiting.includes(wait) && waiting.splice(waiting.indexOf(wait), 1), resolve(false));
          const wait = { held, bytes, resolve: (fits: boolean) => (stopped.removeEventListener('abort', stop), resolve(fits)) };
          held.pending = bytes;
          waiting.push(wait);
          stopped.addEventListener('abort', stop, { once: true });
          admit(); // it now holds more: a small request waiting for a place may cut it
        });
      },
      free() {
        drop(self);
        wakeWaiting();
      },
    };
    holders.set(self, held);
    return self;
  }

  return {
    /** A place to read a body that `announced` its size (Content-Length, else the cap): undefined once `stopped`. */
    enter(size: number, evict: () => void, stopped: AbortSignal): BudgetHolder | Promise<BudgetHolder | undefined> {
      // Below the floor every announcement weighs the same: a sender announcing 1 byte (and sending
      // nothing) can neither cut iAdvize's deliveries nor pass before them.
      const announced = Math.max(size, cutFloor);
      while (holders.size >= maxReaders && cutLargest(announced, true));
      if (holders.size < maxReaders && !entering.length) return holder(announced, evict, stopped);
      if (stopped.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const stop = () => (entering.includes(wait) && entering.splice(entering.indexOf(wait), 1), resolve(undefined));
        const wait = { announced, enter: () => (stopped.removeEventListener('abort', stop), resolve(holder(announced, evict, stopped))) };
        entering.push(wait);
        stopped.addEventListener('abort', stop, { once: true });
        admit();
      });
    },
  };
}
