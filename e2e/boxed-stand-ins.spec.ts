import { describe, expect, it } from 'vitest';
import { tagLoaded, tagSeen } from './boxed-actions.js';
import { CHAT, HOST, IFRAME_ID, openBoxed, useChromium } from './boxed-pages.js';

// The stand-ins of iAdvize's boxed-tag scripts, on their own (no bridge on either side): they must
// do what boxed-tag does before they can prove that the bridge leaves it working.
const ctx = useChromium();

describe('the boxed-tag stand-ins, without the bridge', () => {
  it('the sandboxed iframe runs the tag on its own origin; the host navigate queued before load reaches it', async () => {
    const boxed = await openBoxed(ctx.browser, {
      host: { bridge: false, after: [], boxedTag: true },
      iframe: { relay: false, boxedTag: true },
    });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    expect(await frame.evaluate(() => location.origin)).toBe(CHAT);
    expect(await frame.evaluate(() => (window as any).iAdvizeInterface.config)).toEqual({ sid: 1234, mode: 'sandboxed' });
    // Sandboxed, another origin: the host's globals are out of reach.
    expect(
      await frame.evaluate(() => {
        try {
          return (parent as any).document.title;
        } catch {
          return 'blocked';
        }
      }),
    ).toBe('blocked');
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.navigations.length > 0);
    expect((await tagSeen(frame)).navigations).toEqual([`${HOST}/product.html?utm_source=mail#top`]);
    expect(await frame.evaluate(() => (window as any).host)).toEqual({ width: 1280, height: 720 });
    expect(boxed.problems).toEqual([]);
    expect(boxed.outside).toEqual([]);
    await boxed.close();
  });

  it('the tag sizes its iframe through boundaries messages; get answers come back as { command, method, args, value }', async () => {
    const boxed = await openBoxed(ctx.browser, {
      host: { bridge: false, after: [], boxedTag: true },
      iframe: { relay: false, boxedTag: true },
    });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await boxed.page.evaluate(() => {
      (window as any).answers = [];
      addEventListener('message', (event) => event.data?.command && (window as any).answers.push(event.data));
    });
    const style = () =>
      boxed.page.evaluate((id) => {
        const { width, height, right, bottom, pointerEvents } = document.getElementById(id)!.style;
        return { width, height, right, bottom, pointerEvents };
      }, IFRAME_ID);
    await frame.evaluate(() =>
      (window as any).iAdvizeSimulator.sdk.fire('app:boundariesChange', { width: 320, height: 480, right: 16, bottom: 24 }),
    );
    await boxed.page.waitForFunction((id) => document.getElementById(id)!.style.width === '320px', IFRAME_ID);
    expect(await style()).toEqual({ width: '320px', height: '480px', right: '16px', bottom: '24px', pointerEvents: 'inherit' });
    await frame.evaluate(() => (window as any).iAdvizeSimulator.sdk.fire('app:boundariesChange', { width: 0, height: 0 }));
    await boxed.page.waitForFunction((id) => document.getElementById(id)!.style.pointerEvents === 'none', IFRAME_ID);
    expect(await style()).toMatchObject({ width: '100vw', height: '100vh' });

    await frame.evaluate(() => (window as any).iAdvizeSimulator.sdk.set('visitor:cookiesConsent', true));
    await boxed.page.evaluate(() => (window as any).iAdvizeBoxedInterface.push({ method: 'get', args: ['visitor:cookiesConsent'] }));
    await boxed.page.waitForFunction(() => (window as any).answers.length > 0);
    expect(await boxed.page.evaluate(() => (window as any).answers)).toEqual([
      { command: 'internals', method: 'get', args: ['visitor:cookiesConsent'], value: true },
    ]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });
});
