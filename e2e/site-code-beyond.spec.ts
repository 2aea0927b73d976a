import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { pageHtml } from './page.js';

/**
 * Site code that is ordinary JavaScript but not one of iAdvize's documented snippets, in Chromium with
 * the script-tag build and the simulated tag, against the oracle: the same page without the bridge.
 * The site's functions run exactly as without the bridge, and each tag call gives the event of the
 * callback the tag called; what the bridge cannot follow, it says (the console lines expected).
 */
const ctx = useBrowser();

interface Case {
  /** Site code before the bridge, between the bridge and the tag (the default), after the tag. */
  before?: string;
  after?: string;
  last?: string;
  /** What GTM receives with the bridge; default one push per tag call. */
  gtm?: string[];
  /** The console errors the bridge must print, one pattern each (default none). */
  says?: RegExp[];
  /** Waits this long before reading the outcome (the bridge checks window.iAdvizeCallbacks after a second). */
  waitMs?: number;
}
const ONE_PUSH_PER_CALL = ['chat_started', 'chat_ended'];

const CASES: Record<string, Case> = {
  // The 2021 chain, but the kept function is called once a promise settles (after a fetch, say).
  // Bounded so that a loop cannot freeze the test page; a real site has no bound.
  'a chain that calls what it kept later': {
    after: `
    window.iAdvizeCallbacks = { onChatStarted: function () { siteCalls.push('first'); } };
    var temp = window.iAdvizeCallbacks.onChatStarted;
    var n = 0;
    window.iAdvizeCallbacks.onChatStarted = function (ctx) {
      siteCalls.push('added');
      if (++n <= 50) Promise.resolve().then(function () { temp(ctx); });
    };`,
  },
  // A class instance (TypeScript, Angular): the callbacks are inherited methods.
  'a class instance': {
    after: `
    class SiteCallbacks { onChatStarted() { siteCalls.push('class'); } }
    window.iAdvizeCallbacks = new SiteCallbacks();`,
  },
  // The class itself: static methods, `this` the class.
  'static methods of a class': {
    before: `
    class SiteCallbacks { static onChatStarted() { siteCalls.push(this === SiteCallbacks ? 'static' : 'wrong this'); } static onChatEnded() { siteCalls.push('static end'); } }
    window.iAdvizeCallbacks = SiteCallbacks;`,
  },
  'properties of a function object': {
    after: `
    function siteCallbacks() {}
    siteCallbacks.onChatStarted = function () { siteCalls.push('function property'); };
    window.iAdvizeCallbacks = siteCallbacks;`,
  },
  // One handler for both ends of a chat.
  'one handler for two callbacks': {
    after: `
    window.iAdvizeCallbacks = { onChatStarted: function () { siteCalls.push('track'); } };
    window.iAdvizeCallbacks.onChatEnded = window.iAdvizeCallbacks.onChatStarted;`,
  },
  // Without the bridge the tag's call throws at the revoked proxy; with it, the bridge installs and says why.
  'a revoked Proxy as iAdvizeCallbacks before the bridge': {
    before: `var revocable = Proxy.revocable({}, {}); revocable.revoke(); window.iAdvizeCallbacks = revocable.proxy;`,
    says: [/window\.iAdvizeCallbacks could not be read \(TypeError: .*revoked.*\): its functions cannot be adopted/],
  },
  'a Proxy whose traps throw, assigned after the bridge': {
    after: `window.iAdvizeCallbacks = new Proxy({}, { get: function () { throw new Error('site trap'); }, has: function () { throw new Error('site trap'); }, getOwnPropertyDescriptor: function () { throw new Error('site trap'); } });`,
    says: [/window\.iAdvizeCallbacks could not be read \(Error: site trap\)/],
  },
  // A remount (SPA, hot reload) after the site froze its callbacks object.
  'Object.freeze, then destroy() and install() after the tag loaded': {
    after: `
    window.iAdvizeCallbacks = { onChatStarted: function () { siteCalls.push('frozen'); }, onChatEnded: function () { siteCalls.push('frozen end'); } };
    Object.freeze(window.iAdvizeCallbacks);`,
    last: `if (window.IAdvizeBridge) { IAdvizeBridge.bridge.destroy(); IAdvizeBridge.install({ adapters: [IAdvizeBridge.gtm()] }); }`,
  },
  // A wrapper that takes the global over after install: the events are lost to a tag that looks up late, and said once.
  'window.iAdvizeCallbacks redefined with Object.defineProperty after install': {
    after: `Object.defineProperty(window, 'iAdvizeCallbacks', { value: { onChatStarted: function () { siteCalls.push('redefined'); } }, writable: true, enumerable: true, configurable: true });`,
    gtm: [],
    says: [/window\.iAdvizeCallbacks was redefined: a tag that looks it up late no longer reaches the bridge/],
    waitMs: 1300,
  },
};

async function play(one: Case, lookup: string, withBridge: boolean) {
  const { page, problems } = await open(ctx.browser, 'about:blank');
  const url = `${ctx.server.url}/e2e/page.html`;
  const body = pageHtml({
    before: ['gtag-stub', { code: 'window.siteCalls = [];' }, ...(one.before ? [{ code: one.before }] : [])],
    bridge: withBridge && { attributes: 'data-analytics="gtm"' },
    after: one.after ? [{ code: one.after }] : [],
    tag: { attributes: `data-lookup="${lookup}"` },
    last: one.last ? [{ code: one.last }] : [],
  });
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(url);
  await page.evaluate(() => {
    const tag = (window as any).iAdvizeSimulator;
    const ids = { id: 1, conversationId: '5f0c8a52-0000-4000-8000-000000000001', vuid: 'v' };
    // Without the bridge, the tag's own read of an unreadable object throws at the tag.
    for (const name of ['onChatStarted', 'onChatEnded']) {
      try {
        tag.fire(name, ids);
      } catch {
        // Thrown at the tag: what this page shows.
      }
    }
  });
  await page.waitForTimeout(one.waitMs ?? 50);
  const outcome = await page.evaluate(() => ({
    siteCalls: (window as any).siteCalls as string[],
    gtm: ((window as any).dataLayer as any[]).filter((e) => e && e.event).map((e) => e.event as string),
  }));
  await page.close();
  return { ...outcome, problems };
}

describe.each(['late', 'boot'])('site code beyond the documented snippets, tag lookup %s', (lookup) => {
  it.each(Object.keys(CASES))('%s: the site functions run as without the bridge, one push per tag call', async (name) => {
    const one = CASES[name];
    const without = await play(one, lookup, false);
    const withBridge = await play(one, lookup, true);
    expect(withBridge.siteCalls).toEqual(without.siteCalls);
    expect(withBridge.gtm).toEqual(one.gtm ?? ONE_PUSH_PER_CALL);
    const says = one.says ?? [];
    expect(withBridge.problems).toHaveLength(says.length);
    says.forEach((pattern, i) => expect(withBridge.problems[i]).toMatch(pattern));
  });
});

/**
 * The tag firing a callback while a site callback runs (the site's handler calls a tag function that
 * answers at once). The tag's script is served from its real address, as the browser's stack names it.
 */
describe.each(['late', 'boot'])('a callback the tag fires while a site callback runs, tag lookup %s', (lookup) => {
  const simulator = readFileSync(new URL('../dist/iadvize-simulator.iife.js', import.meta.url), 'utf8');
  const TAG = 'https://halc.iadvize.com/iadvize.js';
  const SITE = `
    window.iAdvizeCallbacks = {
      onChatStarted: function () { siteCalls.push('started'); iAdvizeSimulator.fire('onMessageReceived', { msg: 'hello', time: '10:00' }); },
      onMessageReceived: function () { siteCalls.push('message'); },
    };`;

  async function play(withBridge: boolean) {
    const { page, problems } = await open(ctx.browser, 'about:blank');
    const url = `${ctx.server.url}/e2e/page.html`;
    const body = pageHtml({
      before: ['gtag-stub', { code: 'window.siteCalls = [];' }],
      bridge: withBridge && { attributes: 'data-analytics="gtm"' },
      after: ['record', { code: SITE }].slice(withBridge ? 0 : 1),
      tag: { src: '/tag-address', attributes: `data-lookup="${lookup}"` },
    }).replace('/tag-address', TAG);
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
    await page.route(TAG, (route) => route.fulfill({ contentType: 'text/javascript', body: simulator }));
    await page.goto(url);
    await page.evaluate(() =>
      (window as any).iAdvizeSimulator.fire('onChatStarted', { id: 1, conversationId: '5f0c8a52-0000-4000-8000-000000000001', vuid: 'v' }),
    );
    const outcome = await page.evaluate(() => ({
      siteCalls: (window as any).siteCalls as string[],
      events: ((window as any).recorded ?? []).map((r: any) => r.type),
    }));
    await page.close();
    return { ...outcome, problems };
  }

  it('both callbacks run as without the bridge, and both events are emitted', async () => {
    const without = await play(false);
    const withBridge = await play(true);
    expect(without.siteCalls).toEqual(['started', 'message']);
    expect(withBridge.siteCalls).toEqual(without.siteCalls);
    // Observed before: ['chat:started'] (the message was taken for the site calling its own callback).
    expect(withBridge.events).toEqual(['message:received', 'chat:started']);
    expect(withBridge.problems).toEqual([]);
  });
});
