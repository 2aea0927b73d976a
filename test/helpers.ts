import { Window as HappyWindow } from 'happy-dom';
import { install, type BridgeEvent, type InstallOptions } from '../src/index.js';
import { loadFakeTag } from './fake-tag.js';

/** Enough of a window for the registry, and cheap enough to make thousands of. */
export const bareWindow = () => ({ location: { search: '' } }) as unknown as Window;

export function newWindow(url = 'https://shop.example/product'): Window {
  return new HappyWindow({ url }) as unknown as Window;
}

/** A fresh page with the bridge installed, then a fake tag loaded after it, and every event recorded. */
export function page(options: Omit<InstallOptions, 'window'> & { lookup?: 'late' | 'boot'; win?: Window } = {}) {
  const { lookup = 'boot', win = newWindow(), ...rest } = options;
  const bridge = install({ ...rest, window: win });
  const tag = loadFakeTag(win, lookup);
  const events: BridgeEvent[] = [];
  bridge.on('*', (event) => events.push(event));
  return { win, bridge, tag, events };
}
