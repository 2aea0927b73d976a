import type { Frame } from 'playwright';
import { describe, expect, it } from 'vitest';
import { boxedCounters, connected, ga4Events, hostChat, hostEvents, tagLoaded, tagSeen } from './boxed-actions.js';
import { CHAT, EVIL, HOST, openBoxed, useChromium, type Boxed } from './boxed-pages.js';

// Messages nobody asked for, at both halves: a frame of another site on the shop forging the relay's
// messages, and the right iframe (a compromised tag) sending what no tag sends.
const ctx = useChromium();
const START = { id: 666, conversationId: '5f0c8a52-0000-4000-8000-000000000666', vuid: 'forged' };
/** Every message of the protocol, as a forger would write them from the design note. */
const FORGED = [
  { iadvizeBridge: 1, kind: 'hello', coordinated: false },
  { iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data: START },
  { iadvizeBridge: 1, kind: 'callback', name: 'onMessageReceived', data: { msg: 'phish', time: '10:00' } },
  { iadvizeBridge: 1, kind: 'callback', name: 'onChatEnded', data: START, dropped: 1e9 },
  { iadvizeBridge: 1, kind: 'answer', id: 1, value: true },
  { iadvizeBridge: 1, kind: 'provide', id: 1 },
];
/** The other frames on the shop: another site's, another page of the iframe's origin, one of the shop's own. */
const others = (frames: Frame[]) => frames.filter((frame) => frame.url().endsWith('/frame.html'));

/** Posts every forgery from `frame` to the host (with '*' and with its origin) and to the boxed iframe. */
const forge = (frame: Frame) =>
  frame.evaluate(
    ({ forged, host }) => {
      for (const message of forged) {
        parent.postMessage(message, '*');
        parent.postMessage(message, host);
      }
      // To the boxed iframe too, as if it were the host asking the tag for something.
      const box = parent.frames[0]; // the boxed iframe comes first on the shop
      box.postMessage({ iadvizeBridge: 1, kind: 'welcome' }, '*');
      box.postMessage({ iadvizeBridge: 1, kind: 'call', id: 9, sdk: 'navigate', method: 'navigate', args: ['/phishing'] }, '*');
      box.postMessage({ iadvizeBridge: 1, kind: 'call', id: 10, sdk: 'set', method: 'set', args: ['visitor:cookiesConsent', true] }, '*');
    },
    { forged: FORGED, host: HOST },
  );

/** Nothing reached the host's stream, GA4 or state; the tag ran no forged call. */
async function expectNothingChanged(boxed: Boxed, frame: Frame) {
  expect((await hostEvents(boxed.page)).filter((type) => /^(chat|message):/.test(type))).toEqual([]);
  expect(await ga4Events(boxed.page)).toEqual([]);
  expect(await hostChat(boxed.page)).toMatchObject({ active: false, messagesReceived: 0 });
  const seen = await tagSeen(frame);
  expect(seen.navigations).not.toContain('/phishing');
  expect(seen.sets).toEqual([]);
}

describe('other frames on the shop', () => {
  it("another site's frame, another page of the iframe's origin, a frame of the shop: their forgeries change nothing and are counted", async () => {
    const boxed = await openBoxed(ctx.browser, { host: { evil: true } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    const before = await boxedCounters(boxed.page);
    const forgers = others(boxed.page.frames());
    expect(forgers.map((forger) => new URL(forger.url()).origin).sort()).toEqual([CHAT, EVIL, HOST].sort());
    for (const forger of forgers) await forge(forger);
    // The shop's own window posting to itself is not the iframe either.
    await boxed.page.evaluate((forged) => forged.forEach((message) => postMessage(message, '*')), FORGED);
    await boxed.page.waitForTimeout(500);
    await expectNothingChanged(boxed, frame);
    const after = await boxedCounters(boxed.page);
    expect(after.relayed).toBe(before.relayed);
    expect(after.ignored - before.ignored).toBeGreaterThanOrEqual(FORGED.length * 7);
    // The real chat is still heard.
    await frame.evaluate(() => (window as any).iAdvizeSimulator.startChat('visitor'));
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.active);
    expect(await hostChat(boxed.page)).toMatchObject({ chatId: '8000001' });
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('the boxed iframe navigated to another site: what that site posts from it is not the relay', async () => {
    const boxed = await openBoxed(ctx.browser);
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await frame.evaluate((url) => setTimeout(() => (location.href = url)), `${EVIL}/frame.html`);
    await expect.poll(() => frame.url()).toBe(`${EVIL}/frame.html`);
    await frame.evaluate(({ forged, host }) => forged.forEach((message) => parent.postMessage(message, host)), {
      forged: FORGED,
      host: HOST,
    });
    await boxed.page.waitForTimeout(500);
    expect((await hostEvents(boxed.page)).filter((type) => /^(chat|message):/.test(type))).toEqual([]);
    expect(await hostChat(boxed.page)).toMatchObject({ active: false });
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });
});

describe('the right iframe, sending what no tag sends', () => {
  it('callback names of Object.prototype, unknown and non-string names: no event, no pollution, no error', async () => {
    const boxed = await openBoxed(ctx.browser);
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'onChatStarted2', '', 42, null, ['onChatStarted']];
    await frame.evaluate(
      ({ names, host }) => {
        for (const name of names) parent.postMessage({ iadvizeBridge: 1, kind: 'callback', name, data: { polluted: 'yes', id: 1 } }, host);
        // An own "__proto__" key, as JSON.parse makes it: structured cloning keeps it.
        const own = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "id": 3}');
        parent.postMessage({ iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data: own }, host);
        parent.postMessage({ iadvizeBridge: 1, kind: 'callback' }, host);
        parent.postMessage({ iadvizeBridge: '1', kind: 'callback', name: 'onChatEnded', data: {} }, host);
      },
      { names, host: HOST },
    );
    await boxed.page.waitForTimeout(500);
    expect(await boxed.page.evaluate(() => (({}) as any).polluted)).toBeUndefined();
    expect(await boxed.page.evaluate(() => typeof (window as any).iAdvizeCallbacks.toString)).toBe('function');
    // Only the well-named callback made an event (its own "__proto__" key left out), no other name.
    const events = await boxed.page.evaluate(() =>
      (window as any).recorded.map((r: any) => r.payload).filter((e: any) => !/^(tag|boxed|sdk|consent):/.test(e.type)),
    );
    expect(events.map((event: any) => [event.type, event.chatId])).toEqual([['chat:started', '3']]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('hostile data: a 5 MB string, 1,000 levels of nesting, 100,000 entries: the host stays whole and GA4 gets bounded values', async () => {
    const boxed = await openBoxed(ctx.browser);
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await frame.evaluate((host) => {
      const huge = 'x'.repeat(5_000_000);
      // As deep as Chromium's structured clone takes (it refuses 5,000 levels at the sender).
      let deep: any = {};
      for (let i = 0; i < 1_000; i++) deep = { deep };
      const send = (data: unknown) => parent.postMessage({ iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data }, host);
      send({ id: huge, conversationId: huge, vuid: huge });
      send({ id: 1, conversationId: deep, vuid: deep });
      send({ id: 2, list: new Array(100_000).fill('y') });
      send(deep);
      send(huge);
    }, HOST);
    await boxed.page.waitForTimeout(1000);
    const sent = JSON.stringify(await ga4Events(boxed.page));
    expect(sent.length).toBeLessThan(10_000);
    const chat = JSON.stringify(await hostChat(boxed.page));
    expect(chat.length).toBeLessThan(10_000);
    // What the host's listeners get (the events' raw argument too) is bounded: no 5 MB string, no 100,000 entries.
    const heard = await boxed.page.evaluate(() => JSON.stringify((window as any).recorded).length);
    expect(heard).toBeLessThan(500_000);
    // Still listening: a normal chat after it.
    await frame.evaluate(() => (window as any).iAdvizeSimulator.startChat('visitor'));
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.chatId === '8000001');
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it("the tag's argument with getters, functions and cycles: the relay never throws into the tag, the host gets the data", async () => {
    const boxed = await openBoxed(ctx.browser);
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await frame.evaluate(() => {
      const w = window as any;
      w.reads = 0;
      const data: any = { id: 77, conversationId: '5f0c8a52-0000-4000-8000-000000000077', vuid: 'v', callback() {} };
      Object.defineProperty(data, 'bomb', {
        enumerable: true,
        get: () => {
          throw new Error('getter bomb');
        },
      });
      Object.defineProperty(data, 'counted', { enumerable: true, get: () => ++w.reads });
      data.self = data;
      w.iAdvizeSimulator.fire('onChatStarted', data);
    });
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.active);
    expect(await hostChat(boxed.page)).toMatchObject({ chatId: '77', conversationId: '5f0c8a52-0000-4000-8000-000000000077' });
    expect((await tagSeen(frame)).errors).toEqual([]);
    // The cycle is copied as deep as the copy goes (10 levels), no further.
    expect(await frame.evaluate(() => (window as any).reads)).toBeLessThanOrEqual(11);
    expect(boxed.problems.filter((line) => !line.includes('getter bomb'))).toEqual([]);
    await boxed.close();
  });
});
