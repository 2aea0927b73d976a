import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage } from './page.js';
import { seenTag } from './stand-in-tag.js';
import { choose, NO, TOOLS, toolPage, YES, type Mode, type Tool } from './stand-in-tools.js';

// Stand-ins for Didomi, OneTrust, Axeptio and Cookiebot written from their public documentation
// (each fixture cites its page), loaded after the bridge's full script tag as a site would; Google
// Consent Mode through the page's own gtag commands. The tag is the stand-in that records its config and sets.
const ctx = useBrowser();

const consentPage = (tool: Tool, mode: Mode, loads = true) => toolPage(ctx, tool, mode, loads ? 'with-page' : 'never');

describe.each(Object.entries(TOOLS))('data-consent="%s:…", gate mode', (_name, tool) => {
  it('nothing before a decision; accepting loads the tag once; a withdrawal then a new yes are told to it', async () => {
    const { page, problems } = await consentPage(tool, 'gate');
    await page.waitForTimeout(300);
    expect(await seenTag(page)).toEqual({ scripts: 0, status: 'waiting-for-consent', runs: 0, config: undefined, sets: [] });
    expect(await page.evaluate(() => (window as any).iAdvizeInterface?.config)).toBeUndefined();
    await choose(page, tool, 'accept');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    expect(await seenTag(page)).toEqual({ scripts: 1, status: 'loaded', runs: 1, config: { sid: 1234 }, sets: [] });
    await choose(page, tool, 'refuse');
    await choose(page, tool, 'accept');
    expect(await seenTag(page)).toMatchObject({ scripts: 1, runs: 1, sets: [NO, YES] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a tool that never loads leaves the tag held: undecided, never granted', async () => {
    const { page, problems } = await consentPage(tool, 'gate', false);
    await page.waitForTimeout(600);
    expect(await seenTag(page)).toEqual({ scripts: 0, status: 'waiting-for-consent', runs: 0, config: undefined, sets: [] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a refusal holds the tag', async () => {
    const { page, problems } = await consentPage(tool, 'gate');
    await choose(page, tool, 'refuse');
    await page.waitForTimeout(200);
    expect(await seenTag(page)).toEqual({ scripts: 0, status: 'waiting-for-consent', runs: 0, config: undefined, sets: [] });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe.each(Object.entries(TOOLS))('data-consent="%s:…", coordinated mode', (_name, tool) => {
  it('loads at once with useExplicitCookiesConsent, tells nothing undecided, then each choice', async () => {
    const { page, problems } = await consentPage(tool, 'coordinated');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    await page.waitForTimeout(200);
    expect(await seenTag(page)).toEqual({
      scripts: 1,
      status: 'loaded',
      runs: 1,
      config: { sid: 1234, useExplicitCookiesConsent: true },
      sets: [],
    });
    await choose(page, tool, 'refuse');
    await choose(page, tool, 'accept');
    await choose(page, tool, 'refuse');
    expect(await seenTag(page)).toMatchObject({ runs: 1, sets: [NO, YES, NO] });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('googleConsentMode() through the page’s own gtag consent commands, with ga4()', () => {
  it('forwards only after analytics_storage is granted, stops once denied, and never pushes a consent command', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, {
      before: ['gtag-stub', { code: "gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' });" }],
      bridge: { build: 'full' },
    });
    await page.evaluate(() => {
      const w = window as any;
      w.source = w.IAdvizeBridge.googleConsentMode({ types: ['analytics_storage'] });
      w.adapter = w.IAdvizeBridge.ga4({ consent: w.source });
      w.IAdvizeBridge.install({ adapters: [w.adapter] });
    });
    const fire = () => page.evaluate(() => (window as any).iAdvizeSimulator.fire('onCallStarted', null));
    const gtag = (settings: Record<string, string>) => page.evaluate((s) => (window as any).gtag('consent', 'update', s), settings);
    const events = () =>
      page.evaluate(() => ((window as any).dataLayer as ArrayLike<unknown>[]).filter((entry) => entry[0] === 'event').length);
    await fire();
    expect(await events()).toBe(0);
    await gtag({ analytics_storage: 'granted' });
    await fire();
    expect(await events()).toBe(1);
    await gtag({ analytics_storage: 'denied' });
    await fire();
    expect(await events()).toBe(1);
    const seenByGoogle = await page.evaluate(() => ({
      consent: ((window as any).dataLayer as ArrayLike<unknown>[])
        .filter((entry) => entry[0] === 'consent')
        .map((entry) => Array.from(entry)),
      stats: (window as any).adapter.stats,
    }));
    // Only the page's three commands: the bridge reads consent, it never writes it.
    expect(seenByGoogle).toEqual({
      consent: [
        ['consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' }],
        ['consent', 'update', { analytics_storage: 'granted' }],
        ['consent', 'update', { analytics_storage: 'denied' }],
      ],
      stats: expect.objectContaining({ sent: 1, droppedNoConsent: 2 }),
    });
    expect(problems).toEqual([]);
    await page.close();
  });
});
