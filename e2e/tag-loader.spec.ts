import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { openPage } from './page.js';
import type { Page } from 'playwright';

const ctx = useBrowser();
/** The one script tag a site writes: the bridge, its analytics, and the iAdvize tag (here the simulator, served at the tag's place). */
const ONE_TAG = 'data-sid="1234" data-lang="fr" data-analytics="ga4" data-tag-src="/dist/iadvize-simulator.iife.js"';

const tagScripts = (page: Page) =>
  page.evaluate(
    () => [...document.querySelectorAll('script')].filter((s) => s.src.includes('iadvize-simulator') || s.src.includes('/blocked/')).length,
  );

describe('one script tag does the whole integration', () => {
  it('loads the tag once, after the registry, with the config; events reach GA4', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, {
      before: ['gtag-stub'],
      bridge: { attributes: ONE_TAG },
      tag: false,
    });
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    const seen = await page.evaluate(() => {
      const w = window as any;
      w.iAdvizeSimulator.startChat();
      return {
        config: w.iAdvizeSimulator.seen.config,
        status: w.IAdvizeBridge.bridge.tag.status,
        registry: typeof w.iAdvizeCallbacks.onChatStarted,
      };
    });
    expect(seen).toEqual({ config: { sid: 1234, lang: 'fr' }, status: 'loaded', registry: 'function' });
    const gtagEvents = await page.evaluate(() =>
      (window as any).dataLayer
        .filter((e: any) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'event')
        .map((e: any) => e[1]),
    );
    expect(gtagEvents).toEqual(['chat_started']);
    expect(await tagScripts(page)).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the script included twice loads the tag once', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, {
      before: ['gtag-stub'],
      bridge: { attributes: ONE_TAG, twice: true },
      tag: false,
    });
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(await tagScripts(page)).toBe(1);
    await page.evaluate(() => (window as any).iAdvizeSimulator.startChat());
    const sent = await page.evaluate(
      () =>
        (window as any).dataLayer.filter((e: any) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'event').length,
    );
    expect(sent).toBe(1);
    expect(problems.filter((line) => !line.includes('replaces an earlier one'))).toEqual([]);
    await page.close();
  });

  it('a blocked tag (404) is reported: tag:failed, the status, a console line', async () => {
    const attributes = 'data-sid="1234" data-tag-src="/blocked/iadvize.js"';
    const { page, problems, logs } = await openPage(ctx.browser, ctx.server, { bridge: { attributes }, after: ['record'], tag: false });
    await page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.tag.status === 'failed');
    // The loader decides once the page is parsed: a listener added just after the bridge hears the loading too.
    expect(await page.evaluate(() => (window as any).recorded.map((r: any) => r.type))).toEqual(['tag:loading', 'tag:failed']);
    expect(
      logs.some(
        (line) => line.startsWith('warning: [iadvize-bridge] the iAdvize tag could not load from') && line.includes('/blocked/iadvize.js'),
      ),
    ).toBe(true);
    expect(problems.filter((line) => !line.includes('404'))).toEqual([]);
    await page.close();
  });

  it('data-consent holds the tag until the consent tool says yes', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, {
      before: ['gtag-stub'],
      bridge: { attributes: `${ONE_TAG} data-consent` },
      tag: false,
    });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await tagScripts(page)).toBe(0);
    expect(await page.evaluate(() => (window as any).IAdvizeBridge.bridge.tag.status)).toBe('waiting-for-consent');
    await page.evaluate(() => (window as any).IAdvizeBridge.bridge.tag.load());
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    expect(await tagScripts(page)).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * The site's own iAdvize snippet, its async script still on its way, and the bridge with data-sid on the
 * same page: the tag must run once, the loader following the page's script.
 */
describe.each(['before', 'after'])("the page's own snippet still loading, placed %s the bridge, plus data-sid", (place) => {
  const simulator = readFileSync(new URL('../dist/iadvize-simulator.iife.js', import.meta.url), 'utf8');
  const TAG = 'https://halc.iadvize.com/iadvize.js';
  const snippet = `<script>window.iAdvizeInterface = window.iAdvizeInterface || []; iAdvizeInterface.config = { sid: 1234 };</script>
<script async src="${TAG}"></script>`;
  const bridge = `<script src="/dist/iadvize-bridge.iife.min.js" data-sid="1234" data-analytics="ga4"></script>
<script src="/e2e/fixtures/record.js"></script>`;

  it('the tag runs once; tag:loading, tag:loaded, then the chat events, once each', async () => {
    const { page, problems } = await open(ctx.browser, 'about:blank');
    const url = `${ctx.server.url}/e2e/page.html`;
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>own snippet</title>
<script src="/e2e/fixtures/gtag-stub.js"></script>
${place === 'before' ? `${snippet}\n${bridge}` : `${bridge}\n${snippet}`}
</head><body></body></html>`;
    let requests = 0;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
    // The tag's network is slow: it is still loading when the bridge runs and when the page is parsed.
    await page.route(TAG, (route) => {
      requests++;
      setTimeout(
        () =>
          void route
            .fulfill({ contentType: 'text/javascript', body: `window.tagRuns = (window.tagRuns || 0) + 1;\n${simulator}` })
            .catch(() => {}),
        500,
      );
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.tag.status === 'loaded');
    await page.waitForTimeout(700);
    await page.evaluate(() => (window as any).iAdvizeSimulator.startChat());
    const seen = await page.evaluate(() => {
      const w = window as any;
      const ga4 = w.dataLayer
        .filter((e: any) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'event')
        .map((e: any) => e[1]);
      return {
        runs: w.tagRuns,
        config: w.iAdvizeSimulator.seen.config,
        types: w.recorded.map((r: any) => r.type),
        ga4,
        src: w.recorded[0]?.payload.src,
      };
    });
    // Observed before: runs 2 and two requests (the loader added its own script next to the page's).
    expect({ runs: seen.runs, requests }).toEqual({ runs: 1, requests: 1 });
    expect(seen.config).toEqual({ sid: 1234 });
    expect(seen.types).toEqual(['tag:loading', 'tag:loaded', 'chat:started']);
    expect(seen.src).toBe(TAG);
    expect(seen.ga4).toEqual(['chat_started']);
    expect(problems).toEqual([]);
    await page.close();
  });
});
