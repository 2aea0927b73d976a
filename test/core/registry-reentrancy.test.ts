import { describe, expect, it } from 'vitest';
import { gtm, install, type BridgeEvent } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/** The tag calling back synchronously while a callback or a listener is still running. */
describe('re-entrant tag calls', () => {
  // The current callback called from inside its own site function is taken for the site calling back
  // (without the bridge, a function calling itself): it runs that function, and emits nothing, so a
  // site that recurses cannot flood the tools. Only a call whose stack names an iadvize.com script is
  // the tag's (test/core/registry-odd-site-code.test.ts); this simulator is served from elsewhere, as a
  // copy of the tag hosted on the site's own domain would be: that is the limit (README, "How the registry works").
  it('the same callback fired again from inside its own site function runs it, and emits one event in all', () => {
    const win = newWindow();
    const bridge = install({ window: win });
    const events: string[] = [];
    bridge.on('*', (event: BridgeEvent) => events.push(event.type));
    const tag = loadTag(win, 'late');
    let depth = 0;
    (win as unknown as { iAdvizeCallbacks: Record<string, unknown> }).iAdvizeCallbacks.onChatDisplayed = () => {
      if (depth++ === 0) tag.fire('onChatDisplayed'); // e.g. the site's handler calls a tag method that redisplays
    };
    tag.fire('onChatDisplayed');
    expect(depth).toBe(2);
    expect(events).toEqual(['chat:displayed']);
  });

  it('an event caused from inside a listener reaches the adapters after the event being delivered', () => {
    const win = newWindow();
    const dataLayer: Array<{ event?: string }> = [];
    Object.assign(win, { dataLayer });
    const bridge = install({ window: win, adapters: [gtm()] });
    const tag = loadTag(win, 'late');
    let once = true;
    bridge.on('chat:started', () => {
      if (once) tag.fire('onChatEnded', { id: 1 }); // a listener closing the chat it just heard about
      once = false;
    });
    tag.fire('onChatStarted', { id: 1 });
    // Observed: ['chat_ended', 'chat_started']: the tool sees the end before the start.
    expect(dataLayer.map((entry) => entry.event).filter(Boolean)).toEqual(['chat_started', 'chat_ended']);
  });
});
