import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { boxedCounters, connected, hostChat, receivedInIframe, tagLoaded, tagSeen } from './boxed-actions.js';
import { HOST, IFRAME_ID, openBoxed, useChromium } from './boxed-pages.js';

// The Web SDK of the host's bridge (the full build's webSdk plugin, bridge.sdk) reaching the tag in
// the iframe: through iAdvize's boxed-tag channel when the site runs its scripts, through the relay otherwise.
const ctx = useChromium();
const PATH = '/product.html?utm_source=mail#top';
/** The host's own listener, as iAdvize's README has sites write: every message from the iframe, as it came. */
const listen = { code: `window.heard = []; addEventListener('message', function (e) { window.heard.push(e.data); });` };
/** A navigate made by the site as the host page loads, before the iframe has loaded. */
const early = { code: `IAdvizeBridge.bridge.sdk.navigate('/early');` };
const iframeStyle = (page: Page) =>
  page.evaluate((id) => {
    const { width, height, right, bottom, pointerEvents } = document.getElementById(id)!.style;
    return { width, height, right, bottom, pointerEvents };
  }, IFRAME_ID);

describe("beside iAdvize's boxed-tag scripts on both sides", () => {
  it("sizing messages pass untouched: boxed-tag's host script still sizes the iframe, the bridge leaves them alone", async () => {
    const boxed = await openBoxed(ctx.browser, { host: { after: ['record', listen], boxedTag: true }, iframe: { boxedTag: true } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    const before = await boxedCounters(boxed.page);
    const box = { width: 320, height: 480, right: 16, bottom: 24 };
    await frame.evaluate((box) => (window as any).iAdvizeSimulator.sdk.fire('app:boundariesChange', box), box);
    await boxed.page.waitForFunction((id) => document.getElementById(id)!.style.width === '320px', IFRAME_ID);
    expect(await iframeStyle(boxed.page)).toEqual({
      width: '320px',
      height: '480px',
      right: '16px',
      bottom: '24px',
      pointerEvents: 'inherit',
    });
    await frame.evaluate(() => (window as any).iAdvizeSimulator.sdk.fire('app:boundariesChange', { width: 0, height: 0 }));
    await boxed.page.waitForFunction((id) => document.getElementById(id)!.style.pointerEvents === 'none', IFRAME_ID);
    expect(await boxed.page.evaluate(() => (window as any).heard.filter((data: any) => 'width' in data))).toEqual([
      box,
      { width: 0, height: 0 },
    ]);
    expect((await boxedCounters(boxed.page)).ignored).toBeGreaterThanOrEqual(before.ignored + 2);
    // The window size boxed-tag's host script sends still reaches its iframe script.
    expect(await frame.evaluate(() => (window as any).host)).toEqual({ width: 1280, height: 720 });
    // And the chat is still heard beside them.
    await frame.evaluate(() => (window as any).iAdvizeSimulator.startChat('visitor'));
    await boxed.page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.state.chat.active);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('bridge.sdk.navigate() reaches the tag once, through window.iAdvizeBoxedInterface, before and after its swap on load', async () => {
    const boxed = await openBoxed(ctx.browser, { host: { boxedTag: true, last: [early] }, iframe: { boxedTag: true }, path: PATH });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await boxed.page.evaluate(() => (window as any).IAdvizeBridge.bridge.sdk.navigate('/x'));
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.navigations.includes('/x'));
    await boxed.page.waitForTimeout(200); // room for a second delivery by the relay
    expect((await tagSeen(frame)).navigations).toEqual([HOST + PATH, '/early', '/x']);
    // The relay's own calls name the Web SDK method in `sdk` (`method` is boxed-tag's field).
    const navigatesByRelay = (await receivedInIframe(frame)).filter(({ data }) => {
      const call = data as { kind?: string; sdk?: string; method?: string };
      return call.kind === 'call' && (call.sdk ?? call.method) === 'navigate';
    });
    expect(navigatesByRelay).toEqual([]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it("bridge.sdk.get('visitor:cookiesConsent') resolves with the tag's answer; its consent changes reach the host's stream", async () => {
    const boxed = await openBoxed(ctx.browser, { host: { boxedTag: true }, iframe: { boxedTag: true } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    const get = () =>
      boxed.page.evaluate(() => (window as any).IAdvizeBridge.bridge.sdk.get('visitor:cookiesConsent', { timeoutMs: 3_000 }));
    expect(await get()).toBe(null);
    await frame.evaluate(() => (window as any).iAdvizeSimulator.sdk.set('visitor:cookiesConsent', true));
    expect(await get()).toBe(true);
    await expect
      .poll(() =>
        boxed.page.evaluate(() =>
          (window as any).recorded.filter((r: any) => r.type === 'consent:changed').map((r: any) => r.payload.value),
        ),
      )
      .toEqual([true]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });
});

describe('without them, through the relay', () => {
  it("navigate, recordTransaction and get reach the tag and come back; the tag's consent changes reach the host", async () => {
    const boxed = await openBoxed(ctx.browser, { host: { last: [early] } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await boxed.page.evaluate(() => {
      const { sdk } = (window as any).IAdvizeBridge.bridge;
      sdk.navigate('/x');
      sdk.recordTransaction({ id: 'order-7', amount: 42.5 });
    });
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.transactions.length === 1);
    await boxed.page.waitForTimeout(200);
    const seen = await tagSeen(frame);
    expect(seen.navigations).toEqual(['/early', '/x']);
    expect(seen.transactions).toEqual([{ id: 'order-7', amount: 42.5 }]);
    const get = () =>
      boxed.page.evaluate(() => (window as any).IAdvizeBridge.bridge.sdk.get('visitor:cookiesConsent', { timeoutMs: 3_000 }));
    expect(await get()).toBe(null);
    await frame.evaluate(() => (window as any).iAdvizeSimulator.sdk.set('visitor:cookiesConsent', false));
    expect(await get()).toBe(false);
    await expect
      .poll(() =>
        boxed.page.evaluate(() =>
          (window as any).recorded.filter((r: any) => r.type === 'consent:changed').map((r: any) => r.payload.value),
        ),
      )
      .toEqual([false]);
    expect(await hostChat(boxed.page)).toMatchObject({ active: false });
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('activate: the provider runs on the host, its answer reaches the tag, the activation comes back', async () => {
    const boxed = await openBoxed(ctx.browser);
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    const activation = await boxed.page.evaluate(() =>
      (window as any).IAdvizeBridge.bridge.sdk.activate(async () => ({
        authenticationOption: { type: 'SECURED_AUTHENTICATION', token: 'jwe-from-the-shop' },
      })),
    );
    expect(activation).toMatchObject({ authentication: { status: 'authentication-success' } });
    expect((await tagSeen(frame)).activations).toEqual([
      { option: { type: 'SECURED_AUTHENTICATION', token: 'jwe-from-the-shop' }, status: 'authentication-success' },
    ]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });
});
