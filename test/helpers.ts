import { Window as HappyWindow } from 'happy-dom';
import {
  CALLBACKS,
  custom,
  install,
  type AnyPlugin,
  type Plugin,
  type BridgeEvent,
  type CallbackName,
  type ConsentSource,
  type ConsentState,
  type ErrorContext,
  type InstallOptions,
} from '../src/index.js';
import { createTagSimulator, type PayloadGeneration, type TagSimulator } from '../src/testing/index.js';

/** Enough of a window for the registry, and cheap enough to make thousands of. */
export const bareWindow = () => ({ location: { search: '' } }) as unknown as Window;

export function newWindow(url = 'https://shop.example/product'): Window {
  return new HappyWindow({ url }) as unknown as Window;
}

/** A bridge on `win` (with `onError`, if given) and the type of every event it emits, in order. */
export function listenTo(win: Window, onError?: (error: unknown, context: ErrorContext) => void) {
  const bridge = install({ window: win, ...(onError ? { onError } : {}) });
  const events: string[] = [];
  bridge.on('*', (event: BridgeEvent) => events.push(event.type));
  return { bridge, events };
}

export const CALLBACK_NAMES = Object.keys(CALLBACKS) as CallbackName[];

/**
 * The tag on `win`: the shipped simulator, loaded now. `late` looks `window.iAdvizeCallbacks` up at
 * every event, `boot` captures the object when it loads. What a callback throws at it lands in
 * `tag.seen.errors`, which tests expect empty: nothing may be thrown into the tag.
 */
export function loadTag(win: Window, lookup: 'late' | 'boot' = 'late', payloads?: PayloadGeneration): TagSimulator {
  const tag = createTagSimulator({ window: win, lookup, payloads, speed: 0 });
  tag.load();
  return tag;
}

/** A fresh page with the bridge installed, then the tag loaded after it, and every event recorded. */
export function page<const P extends readonly AnyPlugin[] = []>(
  options: Omit<InstallOptions<P>, 'window'> & { lookup?: 'late' | 'boot'; win?: Window } = {},
) {
  const { lookup = 'boot', win = newWindow(), ...rest } = options;
  const bridge = install<P>({ ...rest, window: win });
  const tag = loadTag(win, lookup);
  const events: BridgeEvent[] = [];
  bridge.on('*', (event) => events.push(event as BridgeEvent));
  return { win, bridge, tag, events };
}

/** A plugin that emits `ping:sent` when `bridge.ping()` is called: one added later with `bridge.use()`. */
export const pinger = (): Plugin<{ ping(): void }, { 'ping:sent': object }> => ({
  name: 'pinger',
  emits: ['ping:sent'],
  setup: (context) => ({ ping: () => context.emit('ping:sent', {}) }),
});

/**
 * A page for the framework bindings: its own window (so its own bridge) with the tag loaded, and
 * install options with a custom() adapter that records what it receives.
 */
export function bindingPage() {
  const win = newWindow();
  const forwarded: string[] = [];
  const options = { window: win, plugins: [custom((event) => forwarded.push(event.type))] } satisfies InstallOptions;
  return { win, options, forwarded, bridge: () => install({ window: win }), tag: loadTag(win) };
}

/** A consent tool's answer as the contract has it: a state now, and each change told to its subscribers. */
export function consentStandIn(initial: ConsentState = 'undecided') {
  let state = initial;
  const listeners = new Set<(state: ConsentState) => void>();
  const source: ConsentSource = {
    consentSource: true,
    name: 'standIn()',
    state: () => state,
    subscribe: (_win, listener) => (listeners.add(listener), () => void listeners.delete(listener)),
  };
  const decide = (next: ConsentState) => ((state = next), listeners.forEach((listener) => listener(next)));
  return { source, decide, listeners };
}
