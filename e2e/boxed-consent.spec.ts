import { describe, expect, it } from 'vitest';
import { connected, tagLoaded, tagSeen } from './boxed-actions.js';
import { CHAT, HOST, IFRAME_ID, openBoxed, SIMULATOR, useChromium } from './boxed-pages.js';

// Coordinated consent with a boxed tag: the tag loads at once in the iframe, told to set no cookie
// until told (useExplicitCookiesConsent, before it loads), and the host's consent tool decides.
const ctx = useChromium();
const COORDINATED_RELAY = `data-host-origin="${HOST}" data-consent-mode="coordinated"`;

/** The host's bridge with boxedTag({ consent, consentMode: 'coordinated' }); `consent` is JavaScript source. */
const hostWith = (consent: string) => ({
  bridge: 'data-analytics="ga4"',
  after: [
    'record',
    {
      code: `window.consent = { state: 'undecided', listeners: [] };
// A consent tool's answer, followed live: the shape of a consent source.
window.source = { consentSource: true, name: 'test-tool',
  state: function () { return window.consent.state; },
  subscribe: function (win, listener) { window.consent.listeners.push(listener); return function () {}; } };
window.decide = function (state) { window.consent.state = state; window.consent.listeners.forEach(function (l) { l(state); }); };
IAdvizeBridge.install({ plugins: [IAdvizeBridge.boxedTag({ iframe: '#${IFRAME_ID}', origin: '${CHAT}', consent: ${consent}, consentMode: 'coordinated' })] });`,
    },
  ],
});
const sets = async (frame: Parameters<typeof tagSeen>[0]) => (await tagSeen(frame)).sets as Array<[string, unknown]>;

describe('coordinated consent, boxed', () => {
  it('a consent source: the tag loads told to wait, then hears the decision and each change', async () => {
    const boxed = await openBoxed(ctx.browser, { host: hostWith('window.source'), iframe: { relay: COORDINATED_RELAY } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    expect((await tagSeen(frame)).config).toMatchObject({ useExplicitCookiesConsent: true });
    await boxed.page.waitForTimeout(300);
    expect(await sets(frame)).toEqual([]); // undecided: nothing said
    await boxed.page.evaluate(() => (window as any).decide('granted'));
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.sets.length === 1);
    await boxed.page.evaluate(() => (window as any).decide('denied'));
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.sets.length === 2);
    expect(await sets(frame)).toEqual([
      ['visitor:cookiesConsent', true],
      ['visitor:cookiesConsent', false],
    ]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('a function: its answer reaches the tag once, whichever half was ready first', async () => {
    const boxed = await openBoxed(ctx.browser, { host: hostWith('function () { return true; }'), iframe: { relay: COORDINATED_RELAY } });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.sets.length > 0);
    await boxed.page.waitForTimeout(300);
    expect(await sets(frame)).toEqual([['visitor:cookiesConsent', true]]);
    expect((await tagSeen(frame)).config).toMatchObject({ useExplicitCookiesConsent: true });
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it("with iAdvize's boxed-tag iframe script loading the tag (it writes its own config): the tag still loads told to wait", async () => {
    const boxed = await openBoxed(ctx.browser, {
      host: { ...hostWith('window.source'), boxedTag: true },
      iframe: { relay: COORDINATED_RELAY, boxedTag: true },
    });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    expect((await tagSeen(frame)).config).toEqual({ sid: 1234, mode: 'sandboxed', useExplicitCookiesConsent: true });
    await boxed.page.evaluate(() => (window as any).decide('granted'));
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.sets.length === 1);
    expect(await sets(frame)).toEqual([['visitor:cookiesConsent', true]]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it("relayToHost({ hostOrigin, consentMode: 'coordinated' }) from iadvize-bridge/boxed, the tag inserted after it: the same", async () => {
    const esm = `import { relayToHost } from '/dist/boxed/index.js';
window.relay = relayToHost({ hostOrigin: '${HOST}', consentMode: 'coordinated' });
const tag = document.createElement('script');
tag.src = '${SIMULATOR}';
document.body.append(tag);`;
    const boxed = await openBoxed(ctx.browser, {
      host: hostWith('window.source'),
      iframe: { relay: false, tag: false, last: [{ module: esm }] },
    });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    expect((await tagSeen(frame)).config).toMatchObject({ useExplicitCookiesConsent: true });
    expect(await frame.evaluate(() => (window as any).relay.connected)).toBe(true);
    await boxed.page.evaluate(() => (window as any).decide('denied'));
    await frame.waitForFunction(() => (window as any).iAdvizeSimulator.seen.sets.length === 1);
    expect(await sets(frame)).toEqual([['visitor:cookiesConsent', false]]);
    expect(boxed.problems).toEqual([]);
    await boxed.close();
  });

  it('the relay not in coordinated mode while the host is: the mismatch is said, not hidden', async () => {
    const boxed = await openBoxed(ctx.browser, { host: hostWith('window.source') });
    const frame = await boxed.chat();
    await tagLoaded(frame);
    await connected(boxed.page);
    await boxed.page.waitForTimeout(300);
    expect((await tagSeen(frame)).config ?? {}).not.toMatchObject({ useExplicitCookiesConsent: true });
    expect(boxed.logs.filter((line) => line.includes('[iadvize-bridge]') && /coordinated/.test(line)).length).toBeGreaterThanOrEqual(1);
    await boxed.close();
  });
});
