import { globalsOf } from '../core/window.js';
import type { IAdvizeWebSdk } from './web-sdk/web-sdk.js';

type Queued = (sdk: IAdvizeWebSdk) => void;

/**
 * The tag's Web SDK queue, `window.iAdvizeInterface`: a function pushed there runs once the tag has
 * loaded (at once if it has). What the plugins queue runs through their guard, and what the tag has
 * not run yet when they are torn down is taken back, so a removed plugin leaves nothing behind.
 */
export function createTagQueue(win: Window, guard: (code: () => void, type: string) => void) {
  const host = globalsOf(win);
  const waiting = new Set<Queued>();
  let alive = true;

  return {
    /** Queues `fn` for the tag; returns what was queued, to ask later whether the tag ran it. */
    run(type: string, fn: (sdk: IAdvizeWebSdk) => void): Queued {
      const queued: Queued = (sdk) => {
        waiting.delete(queued);
        if (alive) guard(() => fn(sdk), type);
      };
      waiting.add(queued);
      guard(() => {
        // The documented idiom: reuse the site's array (it may carry `config`), never replace it.
        host.iAdvizeInterface ??= [];
        (host.iAdvizeInterface as { push(fn: Queued): unknown }).push(queued);
      }, type);
      return queued;
    },
    /** Whether the tag has run what `run` queued. */
    ran: (queued: Queued): boolean => !waiting.has(queued),
    /** Takes back what the tag has not run yet; nothing queued afterwards runs. */
    release(): void {
      alive = false;
      guard(() => {
        const queue = host.iAdvizeInterface;
        if (!Array.isArray(queue)) return;
        for (const fn of waiting) {
          const index = queue.indexOf(fn);
          if (index >= 0) queue.splice(index, 1);
        }
      }, 'teardown');
      waiting.clear();
    },
  };
}
