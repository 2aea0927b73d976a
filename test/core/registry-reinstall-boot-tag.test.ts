import { expect, it } from 'vitest';
import { install, type BridgeEvent } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/**
 * install, the tag loads and captures window.iAdvizeCallbacks (the 'boot' reading), destroy, install
 * again (hot module reloading, an SPA shell remounting the component that owns the bridge). The
 * second bridge must hear the tag: the contract asks the registry to work under both readings.
 */
it.each(['late', 'boot'] as const)('a bridge installed again after destroy() hears a tag that loaded in between (%s)', (lookup) => {
  const win = newWindow();
  const calls: string[] = [];
  (win as unknown as { iAdvizeCallbacks: unknown }).iAdvizeCallbacks = { onChatStarted: () => calls.push('site') };
  install({ window: win }).destroy();
  const first = install({ window: win });
  const tag = loadTag(win, lookup);
  first.destroy();
  const second = install({ window: win });
  const events: BridgeEvent[] = [];
  second.on('*', (event) => events.push(event));
  tag.fire('onChatStarted', { id: 1 });
  expect(calls).toEqual(['site']);
  // Observed with 'boot': 0 events (the tag keeps the first registry's object, now plain data).
  expect(events.map((event) => event.type)).toEqual(['chat:started']);
});
