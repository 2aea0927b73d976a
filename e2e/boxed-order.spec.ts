import { describe, expect, it } from 'vitest';
import { addBridge, addIframe, boxedCounters, connected, ga4Events, hostEvents, tagLoaded, tagSeen } from './boxed-actions.js';
import { CHAT, IFRAME_ID, openBoxed, useChromium } from './boxed-pages.js';

// Whichever page is ready first, what the tag said before the two halves met reaches the host, in order.
const ctx = useChromium();
const CHAT_EVENTS = /^(chat|message):/;
const EXPECTED = ['chat:started', 'message:sent', 'message:received', 'chat:ended'];
const chatEvents = async (page: Parameters<typeof hostEvents>[0]) => (await hostEvents(page)).filter((type) => CHAT_EVENTS.test(type));
const ga4Names = async (page: Parameters<typeof ga4Events>[0]) =>
  (await ga4Events(page)).map(([name]) => name).filter((name) => name === 'chat_started' || name === 'chat_ended');

/** The tag's whole chat, played at once as the iframe's page loads: before any handshake can have happened. */
const chatAtLoad = {
  code: `(function () { var tag = window.iAdvizeSimulator;
tag.startChat('visitor'); tag.visitorSays('hello'); tag.operatorSays('Hi'); tag.endChat('visitor'); })();`,
};

describe('the boxed tag, whichever half loads first', () => {
  it('the iframe (relay and tag) first, the host bridge installed after the chat: the chat arrives, in order, once', async () => {
    const boxed = await openBoxed(ctx.browser, { host: { bridge: false, after: [] }, iframe: { last: [chatAtLoad] } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    expect((await tagSeen(frame)).callbacks).toEqual(['onChatStarted', 'onMessageSent', 'onMessageReceived', 'onChatEnded']);
    await boxed.page.waitForTimeout(300); // the relay has said hello to nobody
    await addBridge(boxed.page, { 'data-analytics': 'ga4', 'data-boxed-iframe': `#${IFRAME_ID}`, 'data-boxed-origin': CHAT });
    await expect.poll(() => chatEvents(boxed.page)).toEqual(EXPECTED);
    expect(await ga4Names(boxed.page)).toEqual(['chat_started', 'chat_ended']);
    await boxed.page.waitForTimeout(200);
    expect(await chatEvents(boxed.page)).toEqual(EXPECTED); // not twice
    // The Web SDK reaches the tag too, and the host knows it is connected.
    await boxed.page.evaluate(() => (window as any).IAdvizeBridge.bridge.sdk.navigate('/late'));
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.navigations.includes('/late'), undefined, { timeout: 3_000 });
    expect(await boxedCounters(boxed.page)).toMatchObject({ connected: true, relayed: 4 });
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('the host first, the iframe added late: what the tag says before the handshake arrives, in order, once', async () => {
    const boxed = await openBoxed(ctx.browser, { host: { iframe: false }, iframe: { last: [chatAtLoad] } });
    expect(await boxedCounters(boxed.page)).toMatchObject({ connected: false, relayed: 0 });
    await boxed.page.waitForTimeout(300);
    await addIframe(boxed.page);
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await expect.poll(() => chatEvents(boxed.page)).toEqual(EXPECTED);
    expect(await ga4Names(boxed.page)).toEqual(['chat_started', 'chat_ended']);
    await boxed.page.waitForTimeout(200);
    expect(await chatEvents(boxed.page)).toEqual(EXPECTED);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('an iframe that reloads says hello again: the next chat is heard', async () => {
    const boxed = await openBoxed(ctx.browser);
    let frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await frame.evaluate(() => setTimeout(() => location.reload())); // the same page again
    await boxed.page.waitForTimeout(300);
    frame = await boxed.chat();
    await tagLoaded(frame);
    await frame.evaluate(() => (window as any).iAdvizeSimulator.startChat('visitor'));
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.active, undefined, { timeout: 5_000 });
    expect(await chatEvents(boxed.page)).toEqual(['chat:started']);
    // The host's Web SDK listeners (webSdk()'s consent events) are set again in the new page's tag.
    await frame.evaluate(() => (window as any).iAdvizeSimulator.sdk.set('visitor:cookiesConsent', true));
    await expect
      .poll(() => boxed.page.evaluate(() => (window as any).recorded.filter((r: any) => r.type === 'consent:changed').length))
      .toBe(1);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });
});

describe('a relay that names the wrong host', () => {
  it('delivers nothing, and says so once on the iframe console', async () => {
    const boxed = await openBoxed(ctx.browser, { iframe: { relay: 'data-host-origin="http://shop.example"' } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await frame.evaluate(() => {
      const tag = (window as any).iAdvizeSimulator;
      tag.startChat('visitor');
      tag.operatorSays('Hi');
      tag.endChat('visitor');
      tag.startChat('visitor');
    });
    await boxed.page.waitForTimeout(1000);
    expect(await chatEvents(boxed.page)).toEqual([]);
    expect(await ga4Names(boxed.page)).toEqual([]);
    expect(await boxed.page.evaluate(() => (window as any).IAdvizeBridge.bridge.state.chat.active)).toBe(false);
    expect(await boxedCounters(boxed.page)).toMatchObject({ connected: false, relayed: 0 });
    // The relay's own words (Chromium's refusal to post to another origin is its own line, not counted).
    const said = boxed.logs.filter((line) => line.startsWith(`${CHAT} `) && line.includes('[iadvize-bridge]'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('http://shop.example');
    await boxed.close();
  });
});
