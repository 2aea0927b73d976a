import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage } from './page.js';

/**
 * Site code that is ordinary JavaScript but not one of iAdvize's documented snippets, in Chromium with
 * the script-tag build and the simulated tag, against the oracle: the same page without the bridge.
 * The site's functions run exactly as without the bridge, and each tag call gives the event of the
 * callback the tag called.
 */
const ctx = useBrowser();

const SNIPPETS: Record<string, string> = {
  // The 2021 chain, but the kept function is called once a promise settles (after a fetch, say).
  // Bounded so that a loop cannot freeze the test page; a real site has no bound.
  'a chain that calls what it kept later': `
    window.iAdvizeCallbacks = { onChatStarted: function () { siteCalls.push('first'); } };
    var temp = window.iAdvizeCallbacks.onChatStarted;
    var n = 0;
    window.iAdvizeCallbacks.onChatStarted = function (ctx) {
      siteCalls.push('added');
      if (++n <= 50) Promise.resolve().then(function () { temp(ctx); });
    };`,
  // A class instance (TypeScript, Angular): the callbacks are inherited methods.
  'a class instance': `
    class SiteCallbacks { onChatStarted() { siteCalls.push('class'); } }
    window.iAdvizeCallbacks = new SiteCallbacks();`,
  // One handler for both ends of a chat.
  'one handler for two callbacks': `
    window.iAdvizeCallbacks = { onChatStarted: function () { siteCalls.push('track'); } };
    window.iAdvizeCallbacks.onChatEnded = window.iAdvizeCallbacks.onChatStarted;`,
};

async function play(snippet: string, lookup: string, withBridge: boolean) {
  const { page, problems } = await openPage(ctx.browser, ctx.server, {
    before: ['gtag-stub', { code: 'window.siteCalls = [];' }],
    bridge: withBridge && { attributes: 'data-analytics="gtm"' },
    after: [{ code: snippet }],
    tag: { attributes: `data-lookup="${lookup}"` },
  });
  await page.evaluate(() => {
    const tag = (window as any).iAdvizeSimulator;
    tag.fire('onChatStarted', { id: 1, conversationId: '5f0c8a52-0000-4000-8000-000000000001', vuid: 'v' });
    tag.fire('onChatEnded', { id: 1, conversationId: '5f0c8a52-0000-4000-8000-000000000001', vuid: 'v' });
  });
  await page.waitForTimeout(50);
  const outcome = await page.evaluate(() => ({
    siteCalls: (window as any).siteCalls as string[],
    gtm: ((window as any).dataLayer as any[]).filter((e) => e && e.event).map((e) => e.event as string),
  }));
  await page.close();
  return { ...outcome, problems };
}

describe.each(['late', 'boot'])('site code beyond the documented snippets, tag lookup %s', (lookup) => {
  it.each(Object.keys(SNIPPETS))('%s: the site functions run as without the bridge, one push per tag call', async (name) => {
    const without = await play(SNIPPETS[name]!, lookup, false);
    const withBridge = await play(SNIPPETS[name]!, lookup, true);
    expect(withBridge.siteCalls).toEqual(without.siteCalls);
    expect(withBridge.gtm).toEqual(['chat_started', 'chat_ended']);
    expect(withBridge.problems).toEqual([]);
  });
});
