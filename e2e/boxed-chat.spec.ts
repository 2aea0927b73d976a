import { describe, expect, it } from 'vitest';
import { boxedCounters, connected, ga4Events, hostChat, hostEvents, playChat, tagLoaded } from './boxed-actions.js';
import { openBoxed, useChromium } from './boxed-pages.js';

// A chat in the boxed iframe, heard on the shop: the relay before the simulated tag in the iframe,
// the full build with data-boxed-iframe / data-boxed-origin and GA4 on the host.
const ctx = useChromium();
const CHAT_EVENTS = /^(chat|message):/;
const chatEvents = async (page: Parameters<typeof hostEvents>[0]) => (await hostEvents(page)).filter((type) => CHAT_EVENTS.test(type));
const named = (events: Array<[string, unknown]>, ...names: string[]) => events.filter(([name]) => names.includes(name));

describe('a chat in the boxed iframe, on the host', () => {
  it('GA4 on the host receives one chat_started and one chat_ended with the chat duration', async () => {
    const boxed = await openBoxed(ctx.browser);
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await playChat(frame, 1100);
    await boxed.page.waitForFunction(
      () => (window as any).IAdvizeBridge.bridge.state.chat.active === false && (window as any).recorded.length > 0,
    );
    await expect.poll(() => chatEvents(boxed.page)).toEqual(['chat:started', 'message:sent', 'message:received', 'chat:ended']);
    const sent = named(await ga4Events(boxed.page), 'chat_started', 'chat_ended');
    expect(sent.map(([name]) => name)).toEqual(['chat_started', 'chat_ended']);
    expect((sent[1][1] as { chat_duration_sec: number }).chat_duration_sec).toBeGreaterThanOrEqual(1);
    expect(await boxedCounters(boxed.page)).toMatchObject({ connected: true, relayed: 4 });
    expect(boxed.problems).toEqual([]);
    expect(boxed.outside).toEqual([]);
    await boxed.close();
  });

  it('bridge.state follows the chat, and goes on after the shop navigates (the iframe loads again)', async () => {
    const boxed = await openBoxed(ctx.browser);
    let frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await frame.evaluate(() => (window as any).iAdvizeSimulator.startChat('visitor'));
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.active);
    const started = await hostChat(boxed.page);
    expect(started).toMatchObject({ active: true, chatId: '8000001', visitorId: 'vuid-simulated-visitor' });
    await boxed.page.waitForTimeout(1100);

    await boxed.page.click('a'); // a new document on the shop: the bridge and the iframe start again
    await boxed.page.waitForURL('**/cart.html?coupon=SECRET#reviews');
    expect(await hostChat(boxed.page)).toMatchObject({ active: true, chatId: '8000001', startedAt: started.startedAt });
    frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    // The tag in the new iframe announces the chat going on, then it ends.
    await frame.evaluate(() => {
      const tag = (window as any).iAdvizeSimulator;
      tag.startChat('visitor');
      tag.endChat('operator');
    });
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.active === false);
    const events = await boxed.page.evaluate(() => (window as any).recorded.map((entry: any) => entry.payload));
    expect(events.filter((event: any) => CHAT_EVENTS.test(event.type))).toMatchObject([
      { type: 'chat:started', resumed: true },
      { type: 'chat:ended', chatId: '8000001' },
    ]);
    const onCart = named(await ga4Events(boxed.page), 'chat_started', 'chat_ended');
    expect(onCart.map(([name]) => name)).toEqual(['chat_ended']); // chat_started was counted on the product page
    expect((onCart[0][1] as { chat_duration_sec: number }).chat_duration_sec).toBeGreaterThanOrEqual(1);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it("iAdvize's documented chains in the iframe run every site function once; the host hears one chat start", async () => {
    // iAdvize's 2021 chain, the snippet its help centre gives for a second function on a callback,
    // one module of the site each.
    const chain = (label: string) => ({
      code: `(function () { var temp = iAdvizeCallbacks.onChatStarted;
iAdvizeCallbacks.onChatStarted = function (o) { temp(o); siteCalls.push('${label} ' + o.id); }; })();`,
    });
    // The 2022 form: the object reassigned with a spread, the previous function kept and called first.
    const spread = {
      code: `(function () { var temp = window.iAdvizeCallbacks.onChatStarted;
window.iAdvizeCallbacks = { ...window.iAdvizeCallbacks, onChatStarted(o) { temp(o); siteCalls.push('spread ' + o.id); } }; })();`,
    };
    const hostSite = {
      code: `window.iAdvizeCallbacks = window.iAdvizeCallbacks || {};
window.hostCalls = []; window.iAdvizeCallbacks.onChatStarted = function (o) { window.hostCalls.push('host ' + o.id); };`,
    };
    const boxed = await openBoxed(ctx.browser, {
      host: { after: ['record', hostSite] },
      iframe: { site: ['site-code/property-2021', chain('chain-a'), chain('chain-b')], last: [spread] },
    });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await frame.evaluate(() => (window as any).iAdvizeSimulator.startChat('visitor'));
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.active);
    await boxed.page.waitForTimeout(200); // room for a second, wrong, delivery
    expect(await frame.evaluate(() => (window as any).siteCalls)).toEqual([
      'property-2021 8000001',
      'chain-a 8000001',
      'chain-b 8000001',
      'spread 8000001',
    ]);
    expect(await chatEvents(boxed.page)).toEqual(['chat:started']);
    expect(await boxed.page.evaluate(() => (window as any).hostCalls)).toEqual(['host 8000001']);
    expect(named(await ga4Events(boxed.page), 'chat_started')).toHaveLength(1);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });
});
