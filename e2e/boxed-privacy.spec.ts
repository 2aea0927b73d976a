import { describe, expect, it } from 'vitest';
import { connected, playChat, receivedInIframe, tagLoaded, tagSeen } from './boxed-actions.js';
import { HOST, openBoxed, useChromium } from './boxed-pages.js';

// The point of the boxed tag is that the tag learns only what the site sends it. The host page has
// a Google Analytics client id in its cookie and a query and fragment in its address; the site
// calls the Web SDK itself. Everything the iframe receives is recorded by its page's first script.
const ctx = useChromium();
const PATH = '/product.html?utm_source=mail&email=jane%40example.com#top';
const gaCookie = { code: "document.cookie = '_ga=GA1.1.987654321.1700000000; path=/';" };
const SECRETS = ['987654321', '1700000000', 'utm_source', 'jane', 'email', '#top'];

/** What the site does on the host: a chat goes on, it reads consent, records an order, names its own screens. */
async function useTheSite(boxed: Awaited<ReturnType<typeof openBoxed>>) {
  const frame = await boxed.chat();
  await tagLoaded(frame);
  await connected(boxed.page);
  await playChat(frame);
  await boxed.page.evaluate(async () => {
    const { sdk } = (window as any).IAdvizeBridge.bridge;
    sdk.navigate(); // the page it is on: its path alone
    sdk.navigate('/x');
    sdk.navigate('/search?q=shoes');
    sdk.recordTransaction({ id: 'order-1', amount: 10 });
    await sdk.get('visitor:cookiesConsent');
  });
  await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.transactions.length === 1);
  return frame;
}

describe('what the boxed iframe learns from the host', () => {
  it("only the site's own Web SDK calls: no GA client id, the page's path without its query or fragment, nothing from another sender", async () => {
    const boxed = await openBoxed(ctx.browser, { host: { before: [gaCookie, 'gtag-stub'] }, path: PATH });
    expect(await boxed.page.evaluate(() => document.cookie)).toContain('987654321');
    const frame = await useTheSite(boxed);
    const received = await receivedInIframe(frame);
    expect(received.length).toBeGreaterThan(0);
    for (const message of received)
      expect({ origin: message.origin, fromParent: message.fromParent }).toEqual({ origin: HOST, fromParent: true });
    const text = JSON.stringify(received);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    const kinds = received.map(({ data }) => (data as { kind?: string }).kind);
    expect(kinds.filter((kind) => !['welcome', 'call', 'provided'].includes(kind!))).toEqual([]);
    expect(kinds).toContain('call');
    expect((await tagSeen(frame)).navigations).toEqual(['/product.html', '/x', '/search?q=shoes']);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it("beside iAdvize's boxed-tag scripts: the bridge's own messages carry nothing of the shop; boxed-tag's own navigate is iAdvize's", async () => {
    const boxed = await openBoxed(ctx.browser, {
      host: { before: [gaCookie, 'gtag-stub'], boxedTag: true },
      iframe: { boxedTag: true },
      path: PATH,
    });
    const frame = await useTheSite(boxed);
    const received = await receivedInIframe(frame);
    const ours = received.filter(({ data }) => (data as { iadvizeBridge?: unknown })?.iadvizeBridge !== undefined);
    const text = JSON.stringify(ours);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    // The Web SDK calls went by boxed-tag's channel: iAdvize's own page-address navigate, then the site's.
    const navigates = received
      .map(({ data }) => data as { command?: string; method?: string; args?: unknown[] })
      .filter((data) => data.command === 'internals' && data.method === 'navigate')
      .map((data) => data.args);
    expect(navigates).toEqual([[HOST + PATH], ['/product.html'], ['/x'], ['/search?q=shoes']]);
    expect((await tagSeen(frame)).navigations).toEqual([HOST + PATH, '/product.html', '/x', '/search?q=shoes']);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });
});
