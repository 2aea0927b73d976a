import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { openPage } from './page.js';

/**
 * The tag loader under the page's own constraints: a strict Content-Security-Policy that the test server
 * sends as a header (its pages written to a folder of their own, the policy named by the file), and
 * documents whose origin is "null".
 */
const NONCE = 'r4nd0m-n0nce-2026';
const POLICIES: Record<string, string> = {
  'strict-dynamic': `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`,
  'nonce-only': `script-src 'nonce-${NONCE}'; object-src 'none'; base-uri 'none'`,
};
const cspPages = mkdtempSync(join(tmpdir(), 'iadvize-bridge-csp-'));
afterAll(() => rmSync(cspPages, { recursive: true, force: true }));
const ctx = useBrowser({
  mounts: { 'csp/': cspPages },
  headers: (url: URL): Record<string, string> => {
    const policy = POLICIES[/^\/csp\/([\w-]+)-/.exec(url.pathname)?.[1] ?? ''];
    return policy ? { 'content-security-policy': policy } : {};
  },
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
    writeFileSync(
      join(cspPages, file),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp</title>
<script nonce="${NONCE}" src="/e2e/fixtures/csp-violations.js"></script>
<script nonce="${NONCE}" src="/dist/iadvize-bridge.iife.min.js" data-sid="1234" data-consent data-tag-src="/dist/iadvize-simulator.iife.js"></script>
<script nonce="${NONCE}">${consentTools[when]}</script>
</head><body><button id="accept">Accept</button></body></html>`,
    );
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/csp/${file}`);
    if (when === 'a click') {
      expect(await page.evaluate(() => (window as any).IAdvizeBridge.bridge.tag.status)).toBe('waiting-for-consent');
      await page.click('#accept');
    }
    await page.waitForFunction(() => ['loaded', 'failed'].includes((window as any).IAdvizeBridge.bridge.tag.status));
    // Observed before (nonce-only): 'failed', "script-src-elem .../dist/iadvize-simulator.iife.js" violated.
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
    expect(await page.evaluate(() => [(window as any).IAdvizeBridge.bridge.tag.status, (window as any).iAdvizeSimulator?.loaded])).toEqual([
      'loaded',
      true,
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * An app built as ES modules has no script element of its own (`document.currentScript` is null in a
 * module): the loader takes the first nonce of the page's scripts, at install.
 */
describe.each(Object.keys(POLICIES))('an ES module app under a strict Content-Security-Policy (%s)', (policy) => {
  it("the tag loaded after a click gets the page's nonce and runs, with no violation", async () => {
    const file = `${policy}-module.html`;
    writeFileSync(
      join(cspPages, file),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp module</title>
<script nonce="${NONCE}" src="/e2e/fixtures/csp-violations.js"></script>
<script type="module" nonce="${NONCE}">
  import { iadvizeTag, install } from '/dist/index.js';
  const bridge = install({ plugins: [iadvizeTag({ sid: 1234, src: '/dist/iadvize-simulator.iife.js', consent: () => false })] });
  window.appBridge = bridge;
  document.getElementById('accept').addEventListener('click', () => bridge.tag.load());
</script>
</head><body><button id="accept">Accept</button></body></html>`,
    );
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/csp/${file}`);
    await page.waitForFunction(() => (window as any).appBridge?.tag.status === 'waiting-for-consent');
    await page.click('#accept');
    await page.waitForFunction(() => ['loaded', 'failed'].includes((window as any).appBridge.tag.status));
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
    expect(await page.evaluate(() => [(window as any).appBridge.tag.status, (window as any).iAdvizeSimulator?.loaded])).toEqual([
      'loaded',
      true,
    ]);
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
    const inner = sandbox
      ? `<script ${attributes}>${bridgeCode}</script>`
      : `<script src="/dist/iadvize-bridge.iife.min.js" ${attributes}></script>`;
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
