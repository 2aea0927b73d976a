import { expect, it } from 'vitest';
import { gtm, install } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/**
 * Site code that reuses one of its callbacks from another: it keeps `cb.onChatStarted` and calls it
 * from its onChatEnded (say, to reset its own UI). Without the bridge that only runs the site's
 * function. With it, the kept link, called outside a dispatch of its own name, counts as the tag: an
 * extra chat:started is emitted, and forwarded as a new chat when called without the tag's argument.
 */
it.each(['late', 'boot'] as const)('a kept callback called from another callback emits no event of its own (%s)', (lookup) => {
  const win = newWindow();
  const dataLayer: Array<{ event?: string }> = [];
  Object.assign(win, { dataLayer });
  const calls: string[] = [];
  const host = win as unknown as { iAdvizeCallbacks: Record<string, (ctx?: unknown) => unknown> };
  host.iAdvizeCallbacks = { onChatStarted: () => calls.push('ui on') };
  install({ window: win, adapters: [gtm()] });
  const tag = loadTag(win, lookup);
  const resetUi = host.iAdvizeCallbacks.onChatStarted;
  host.iAdvizeCallbacks.onChatEnded = () => {
    calls.push('ui off');
    resetUi();
  };
  tag.fire('onChatStarted', { id: 1 });
  tag.fire('onChatEnded', { id: 1 });
  expect(calls).toEqual(['ui on', 'ui off', 'ui on']);
  // Observed: ['chat_started', 'chat_started', 'chat_ended']: a second chat counted.
  expect(dataLayer.map((entry) => entry.event).filter(Boolean)).toEqual(['chat_started', 'chat_ended']);
});
