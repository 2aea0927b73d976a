import type { Bridge } from 'iadvize-bridge';

/** Counts the bridge's live subscriptions per event type, and every `on()` call. */
export function countSubscriptions(bridge: Bridge) {
  const live: Record<string, number> = {};
  const on = bridge.on;
  let calls = 0;
  bridge.on = (type: string, listener: never, options?: object) => {
    calls++;
    live[type] = (live[type] ?? 0) + 1;
    const stop = on(type as never, listener, options);
    return () => {
      live[type]--;
      stop();
    };
  };
  return { live, calls: () => calls };
}
