import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage } from './page.js';
import type { Page } from 'playwright';
import { STAND_IN_TAG, seenTag } from './stand-in-tag.js';

// The real tarteaucitron.js from npm, its language and CSS files served from its own folder.
const ctx = useBrowser({
  mounts: { 'vendor/tarteaucitron/': fileURLToPath(new URL('../node_modules/tarteaucitronjs/', import.meta.url)) },
});

/** A site with tarteaucitron.js, the bridge's one script tag, and the iAdvize service added as tarteaucitron documents. */
function consentPage(mode: 'gate' | 'coordinated', cookie?: string) {
  const setup = `var tarteaucitronForceCDN = '/vendor/tarteaucitron/';${cookie ? ` document.cookie = ${JSON.stringify(cookie)};` : ''}`;
  const init = `tarteaucitron.init({ hashtag: '#tarteaucitron', cookieName: 'tarteaucitron', orientation: 'bottom', highPrivacy: true,
    AcceptAllCta: true, DenyAllCta: true, showAlertSmall: false, cookieslist: false, useExternalCss: false, mandatory: false });`;
  return openPage(ctx.browser, ctx.server, {
    before: ['gtag-stub', { code: setup }, '/vendor/tarteaucitron/tarteaucitron.js', { code: init }],
    bridge: {
      build: 'full',
      attributes: `data-sid="1234" data-analytics="ga4" data-consent="tarteaucitron" data-consent-mode="${mode}" data-tag-src="${STAND_IN_TAG}"`,
    },
    after: ['record', { code: "(tarteaucitron.job = tarteaucitron.job || []).push('iadvize');" }],
    tag: false,
  });
}

/** The banner's buttons, wired by tarteaucitron about 500 ms after it shows them. */
async function banner(page: Page) {
  await page.waitForSelector('#tarteaucitronPersonalize2');
  await page.waitForTimeout(700);
}
/** A change of mind in tarteaucitron's panel: the service's own allow or deny button. */
async function panel(page: Page, button: '#iadvizeAllowed' | '#iadvizeDenied') {
  await page.evaluate(() => (window as any).tarteaucitron.userInterface.openPanel());
  await page.click(button);
  await page.waitForTimeout(100);
}

describe('data-consent="tarteaucitron", gate mode', () => {
  it('before a decision nothing is loaded, stored or forwarded; accepting loads the tag once', async () => {
    const { page, problems } = await consentPage('gate');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await banner(page);
    const before = await page.evaluate(() => ({
      // The full build's Web SDK plugin queues its calls for the tag; the tag's config is set only when it loads.
      config: (window as any).iAdvizeInterface?.config,
      // Only the consent tool's own record of "not answered yet".
      cookies: document.cookie.split('; ').filter((c) => c && c !== 'tarteaucitron=!iadvize=wait'),
      stored: [...Object.keys(sessionStorage), ...Object.keys(localStorage)],
      forwarded: (window as any).dataLayer.filter((e: any) => e[0] === 'event').length,
    }));
    expect(before).toEqual({ config: undefined, cookies: [], stored: [], forwarded: 0 });
    expect(await seenTag(page)).toMatchObject({ scripts: 0, status: 'waiting-for-consent', runs: 0 });
    expect(requests.filter((url) => url.includes('iadvize-stand-in'))).toEqual([]);
    await page.click('#tarteaucitronPersonalize2');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    expect(await seenTag(page)).toEqual({ scripts: 1, status: 'loaded', runs: 1, config: { sid: 1234 }, sets: [] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refusing holds the tag', async () => {
    const { page, problems } = await consentPage('gate');
    await banner(page);
    await page.click('#tarteaucitronAllDenied2');
    await page.waitForTimeout(300);
    expect(await seenTag(page)).toMatchObject({ scripts: 0, status: 'waiting-for-consent', runs: 0 });
    expect(await page.evaluate(() => (window as any).tarteaucitron.state.iadvize)).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a change of mind is followed: the tag told no, then yes; one load, the site listener still hears the chat', async () => {
    const { page, problems } = await consentPage('gate');
    await banner(page);
    await page.click('#tarteaucitronPersonalize2');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    await panel(page, '#iadvizeDenied');
    await panel(page, '#iadvizeAllowed');
    expect(await seenTag(page)).toMatchObject({
      runs: 1,
      scripts: 1,
      sets: [
        ['visitor:cookiesConsent', false],
        ['visitor:cookiesConsent', true],
      ],
    });
    await page.evaluate(() => (window as any).iAdvizeCallbacks.onChatStarted());
    const types = await page.evaluate(() => (window as any).recorded.map((r: any) => r.type));
    expect(types.filter((type: string) => type === 'chat:started')).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('data-consent="tarteaucitron", coordinated mode', () => {
  it('loads at once with useExplicitCookiesConsent, tells nothing undecided, then each choice', async () => {
    const { page, problems } = await consentPage('coordinated');
    await banner(page);
    expect(await seenTag(page)).toEqual({
      scripts: 1,
      status: 'loaded',
      runs: 1,
      config: { sid: 1234, useExplicitCookiesConsent: true },
      sets: [],
    });
    await page.click('#tarteaucitronPersonalize2');
    await page.waitForTimeout(100);
    await panel(page, '#iadvizeDenied');
    await panel(page, '#iadvizeAllowed');
    expect((await seenTag(page)).sets).toEqual([
      ['visitor:cookiesConsent', true],
      ['visitor:cookiesConsent', false],
      ['visitor:cookiesConsent', true],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a visitor who refused on an earlier page is told no as the page loads', async () => {
    const { page, problems } = await consentPage('coordinated', 'tarteaucitron=!iadvize=false; path=/');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.sets.length > 0);
    expect((await seenTag(page)).sets).toEqual([['visitor:cookiesConsent', false]]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
