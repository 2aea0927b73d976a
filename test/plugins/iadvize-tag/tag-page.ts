import { Window as HappyWindow } from 'happy-dom';
import { iadvizeTag, install, type BridgeEvent, type IAdvizeTagOptions } from '../../../src/index.js';

/** Pages for the tag loader's tests: the scripts the loader adds are kept, never loaded. */
export type Host = Window & { iAdvizeInterface?: unknown[] & { config?: unknown }; iAdvize?: unknown; iAdvizeCallbacks?: unknown };

const added = new WeakMap<Window, HTMLScriptElement[]>();
/** A page whose scripts neither load nor fail until a test says so (their own onload/onerror). */
export function newPage(): Host {
  // Never fetches: a script element the page itself holds (its own snippet) must not reach the network.
  const win = new HappyWindow({ url: 'https://shop.example/product', settings: { disableJavaScriptFileLoading: true } }) as unknown as Host;
  const list: HTMLScriptElement[] = [];
  added.set(win, list);
  win.document.head.appendChild = ((node: HTMLScriptElement) => (list.push(node), node)) as never;
  return win;
}
export const scripts = (win: Window) => added.get(win)!;
/** Lets the promises of a consent answer settle. */
export const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

export function withTag(options: IAdvizeTagOptions, win = newPage(), more: object = {}) {
  const events: BridgeEvent[] = [];
  const bridge = install({ window: win, plugins: [iadvizeTag(options)], ...more });
  bridge.on('*', (event) => events.push(event as BridgeEvent));
  return { win, bridge, events };
}
