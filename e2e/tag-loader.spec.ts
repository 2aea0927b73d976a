import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { openPage } from './page.js';

/** Pages the test server answers with a strict Content-Security-Policy header, one folder per policy. */
const NONCE = 'r4nd0m-n0nce-2026';
const POLICIES: Record<string, string> = {
  'strict-dynamic': `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`,
  'nonce-only': `script-src 'nonce-${NONCE}'; object-src 'none'; base-uri 'none'`,
};
const cspPages = mkdtempSync(join(tmpdir(), 'iadvize-bridge-csp-'));
const ctx = useBrowser({
  mounts: { 'csp/': cspPages },
  headers: (url: URL): Record<string, string> => {
    const policy = POLICIES[/^\/csp\/([\w-]+)-/.exec(url.pathname)?.[1] ?? ''];
    return policy ? { 'content-security-policy': policy } : {};
  },
});
/** The one script tag a site writes: the bridge, its analytics, and the iAdvize tag (here the simulator, served at the tag's place). */
const ONE_TAG = 'data-sid="1234" data-lang="fr" data-analytics="ga4" data-tag-src="/dist/iadvize-simulator.iife.js"';

const tagScripts = (page: import('playwright').Page) =>
  page.evaluate(() => [...document.querySelectorAll('script')].filter((s) => s.src.includes('iadvize-simulator') || s.src.includes('/blocked/')).length);

describe('one script tag does the whole integration', () => {
  it('loads the tag once, after the registry, with the config; events reach GA4', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, { before: ['gtag-stub'], bridge: { attributes: ONE_TAG }, tag: false });
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    const seen = await page.evaluate(() => {
      const w = window as any;
      w.iAdvizeSimulator.startChat();
      return { config: w.iAdvizeSimulator.seen.config, status: w.IAdvizeBridge.bridge.tag.status, registry: typeof w.iAdvizeCallbacks.onChatStarted };
    });
    expect(seen).toEqual({ config: { sid: 1234, lang: 'fr' }, status: 'loaded', registry: 'function' });
    const gtagEvents = await page.evaluate(() =>
      (window as any).dataLayer.filter((e: any) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'event').map((e: any) => e[1]),
    );
    expect(gtagEvents).toEqual(['chat_started']);
    expect(await tagScripts(page)).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the script included twice loads the tag once', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, { before: ['gtag-stub'], bridge: { attributes: ONE_TAG, twice: true }, tag: false });
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(await tagScripts(page)).toBe(1);
    await page.evaluate(() => (window as any).iAdvizeSimulator.startChat());
    const sent = await page.evaluate(() => (window as any).dataLayer.filter((e: any) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'event').length);
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
    expect(logs.some((line) => line.startsWith('warning: [iadvize-bridge] the iAdvize tag could not load from') && line.includes('/blocked/iadvize.js'))).toBe(true);
    expect(problems.filter((line) => !line.includes('404'))).toEqual([]);
    await page.close();
  });

  it('data-consent holds the tag until the consent tool says yes', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, { before: ['gtag-stub'], bridge: { attributes: `${ONE_TAG} data-consent` }, tag: false });
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
 * A consent tool that loads the tag after a click or a delay, under a nonce-based policy: the nonce
 * must come from the bridge's own script element, read when it first ran.
 */
describe.each(Object.keys(POLICIES))('a strict Content-Security-Policy (%s), served by the server', (policy) => {
  const consentTools: Record<string, string> = {
    'a click': `document.addEventListener('DOMContentLoaded', function () { document.getElementById('accept').addEventListener('click', function () { IAdvizeBridge.bridge.tag.load(); }); });`,
    'a setTimeout': `setTimeout(function () { IAdvizeBridge.bridge.tag.load(); }, 300);`,
  };
  it.each(Object.keys(consentTools))('the tag loaded after %s gets the nonce and runs, with no violation', async (when) => {
    const file = `${policy}-${when.replace(/\W/g, '')}.html`;
    writeFileSync(join(cspPages, file), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp</title>
<script nonce="${NONCE}" src="/e2e/fixtures/csp-violations.js"></script>
<script nonce="${NONCE}" src="/dist/iadvize-bridge.iife.min.js" data-sid="1234" data-consent data-tag-src="/dist/iadvize-simulator.iife.js"></script>
<script nonce="${NONCE}">${consentTools[when]}</script>
</head><body><button id="accept">Accept</button></body></html>`);
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/csp/${file}`);
    if (when === 'a click') {
      expect(await page.evaluate(() => (window as any).IAdvizeBridge.bridge.tag.status)).toBe('waiting-for-consent');
      await page.click('#accept');
    }
    await page.waitForFunction(() => ['loaded', 'failed'].includes((window as any).IAdvizeBridge.bridge.tag.status));
    // Observed before (nonce-only): 'failed', "script-src-elem .../dist/iadvize-simulator.iife.js" violated.
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
    expect(await page.evaluate(() => [(window as any).IAdvizeBridge.bridge.tag.status, (window as any).iAdvizeSimulator?.loaded])).toEqual(['loaded', true]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * An app built as ES modules has no script element of its own (`document.currentScript` is null in a
 * module): the loader takes the first nonce of the page's scripts, at install.
 */
describe.each(Object.keys(POLICIES))('an ES module app under a strict Content-Security-Policy (%s)', (policy) => {
  it('the tag loaded after a click gets the page\'s nonce and runs, with no violation', async () => {
    const file = `${policy}-module.html`;
    writeFileSync(join(cspPages, file), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp module</title>
<script nonce="${NONCE}" src="/e2e/fixtures/csp-violations.js"></script>
<script type="module" nonce="${NONCE}">
  import { iadvizeTag, install } from '/dist/index.js';
  const bridge = install({ plugins: [iadvizeTag({ sid: 1234, src: '/dist/iadvize-simulator.iife.js', consent: () => false })] });
  window.appBridge = bridge;
  document.getElementById('accept').addEventListener('click', () => bridge.tag.load());
</script>
</head><body><button id="accept">Accept</button></body></html>`);
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/csp/${file}`);
    await page.waitForFunction(() => (window as any).appBridge?.tag.status === 'waiting-for-consent');
    await page.click('#accept');
    await page.waitForFunction(() => ['loaded', 'failed'].includes((window as any).appBridge.tag.status));
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
    expect(await page.evaluate(() => [(window as any).appBridge.tag.status, (window as any).iAdvizeSimulator?.loaded])).toEqual(['loaded', true]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * A document whose location has the origin "null" (srcdoc, sandboxed, about:blank): a `data:` URL's
 * origin is "null" too, and must not pass for the page's own. The sandboxed frame may not fetch from
 * 127.0.0.1 (Private Network Access), so its bridge is inline, with the same attributes.
 */
describe.each([
  ['a srcdoc iframe', ''],
  ['a sandboxed srcdoc iframe', ' sandbox="allow-scripts"'],
])('the tag source in %s', (_where, sandbox) => {
  const bridgeCode = readFileSync(new URL('../dist/iadvize-bridge.iife.min.js', import.meta.url), 'utf8');
  it('data-tag-src="data:text/javascript,..." never runs, and the console says why', async () => {
    const attributes = `data-sid="1234" data-tag-src="data:text/javascript,console.log('data tag ran')"`;
    const inner = sandbox ? `<script ${attributes}>${bridgeCode}</script>` : `<script src="/dist/iadvize-bridge.iife.min.js" ${attributes}></script>`;
    const body = `<iframe${sandbox} srcdoc="${inner.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`;
    const { page, problems, logs } = await openPage(ctx.browser, ctx.server, { body, bridge: false, tag: false });
    await page.waitForTimeout(500);
    // Observed before: "log: data tag ran" (its origin, "null", passed for the page's own).
    expect(logs.filter((line) => line === 'log: data tag ran')).toEqual([]);
    expect(problems).toEqual([
      `[iadvize-bridge] data-tag-src="data:text/javascript,console.log('data tag ran')" must be an https: URL, or http: on this page's own origin (never data:, blob: or javascript:): the iAdvize tag was not loaded`,
    ]);
    await page.close();
  });
});

/**
 * The site's own iAdvize snippet, its async script still on its way, and the bridge with data-sid on the
 * same page: the tag must run once, the loader following the page's script.
 */
describe.each(['before', 'after'])('the page\'s own snippet still loading, placed %s the bridge, plus data-sid', (place) => {
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
      setTimeout(() => void route.fulfill({ contentType: 'text/javascript', body: `window.tagRuns = (window.tagRuns || 0) + 1;\n${simulator}` }).catch(() => {}), 500);
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.tag.status === 'loaded');
    await page.waitForTimeout(700);
    await page.evaluate(() => (window as any).iAdvizeSimulator.startChat());
    const seen = await page.evaluate(() => {
      const w = window as any;
      const ga4 = w.dataLayer.filter((e: any) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'event').map((e: any) => e[1]);
      return { runs: w.tagRuns, config: w.iAdvizeSimulator.seen.config, types: w.recorded.map((r: any) => r.type), ga4, src: w.recorded[0]?.payload.src };
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
