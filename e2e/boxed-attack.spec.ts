import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.js';

/**
 * The boxed tag in Chromium, two origins served through Playwright routes (host http://shop.test,
 * iframe http://chat.shop.test), the built script tags on both sides (run `npm run build` first).
 */
const HOST = 'http://shop.test';
const CHAT = 'http://chat.shop.test';
const dist = (name: string) => readFileSync(new URL(`../dist/${name}`, import.meta.url), 'utf8');
const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-forms';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The host page (`bridgeAttributes` on the full script tag, `iframe` the iframe's attributes) and the relay's page in the iframe. */
async function boxedPages(bridgeAttributes: string, iframe: string): Promise<{ page: Page; logs: string[] }> {
  const page = await browser.newPage();
  const logs: string[] = [];
  page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`pageerror: ${String(error)}`));
  const host = `<!doctype html><html><head><script src="/full.js" ${bridgeAttributes}></script></head>
<body><iframe id="box" sandbox="${SANDBOX}" ${iframe}></iframe></body></html>`;
  const frame = `<!doctype html><html><head><script src="/relay.js" data-host-origin="${HOST}"></script></head><body></body></html>`;
  await page.route(`${HOST}/**`, (route) =>
    new URL(route.request().url()).pathname === '/full.js'
      ? route.fulfill({ contentType: 'text/javascript', body: dist('iadvize-bridge.full.iife.min.js') })
      : route.fulfill({ contentType: 'text/html', body: host }),
  );
  await page.route(`${CHAT}/**`, (route) =>
    new URL(route.request().url()).pathname === '/relay.js'
      ? route.fulfill({ contentType: 'text/javascript', body: dist('iadvize-bridge.boxed.iife.min.js') })
      : route.fulfill({ contentType: 'text/html', body: frame }),
  );
  await page.goto(`${HOST}/`);
  return { page, logs };
}

describe('the boxed tag under attack, in Chromium', () => {
  // Measured with this setup: a message whose data holds new Array(2 ** 26) kept the host page busy
  // 1.28 s (2 ** 24: 0.69 s); dataCopy's map is linear in the array's length, so 2 ** 32 - 1 is about
  // 80 s. Structured cloning keeps the array sparse: posting it costs the iframe nothing.
  it('one message from a script in the iframe with a sparse array does not hold the host page', async () => {
    const { page } = await boxedPages(`data-boxed-iframe="#box" data-boxed-origin="${CHAT}"`, `src="${CHAT}/box.html"`);
    await page.waitForFunction(() => (window as any).IAdvizeBridge.bridge.boxed.connected);
    const frame = page.frames().find((candidate) => candidate.url().startsWith(CHAT))!;
    await frame.evaluate((host) => {
      const hostile = {
        iadvizeBridge: 1,
        kind: 'callback',
        name: 'onChatStarted',
        data: { chatId: 'c1', messages: new Array(2 ** 32 - 1) },
      };
      parent.postMessage(hostile, host);
    }, HOST);
    const answered = await Promise.race([
      page.evaluate(() => (window as any).IAdvizeBridge.bridge.boxed.relayed as number).then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('still busy after 5 s'), 5000)),
    ]);
    expect(answered).toBe('answered');
    await page.close({ runBeforeUnload: false }).catch(() => {});
  });

  it('a bare data-consent on a boxed host says how to open the iframe, or gives bridge.tag.load() to do it', async () => {
    const { page, logs } = await boxedPages(
      `data-boxed-iframe="#box" data-boxed-origin="${CHAT}" data-consent`,
      `data-src="${CHAT}/box.html"`,
    );
    await page.waitForTimeout(300);
    // What the script-tag guide says a bare data-consent does: holds the tag until IAdvizeBridge.bridge.tag.load().
    const load = await page.evaluate(() => typeof (window as any).IAdvizeBridge.bridge.tag?.load);
    const said = logs.filter((line) => /data-consent/.test(line) && /boxed|data-boxed-iframe/.test(line));
    expect(load === 'function' || said.length > 0).toBe(true);
    await page.close();
  });
});
