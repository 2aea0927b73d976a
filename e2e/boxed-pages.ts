import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Frame, Page, Route } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './browser.js';

/**
 * The boxed tag's two origins, as a site runs it: the shop, and the page that holds the tag on
 * another subdomain of the site, embedded sandboxed. A third site embedded on the shop plays a
 * hostile frame. Playwright's routes answer every request for these names from the repository's
 * dist/ and e2e/fixtures/; any other request is refused and recorded (`outside`).
 */
export const HOST = 'http://shop.test';
export const CHAT = 'http://chat.shop.test';
export const EVIL = 'http://evil.test';
export const IFRAME_ID = 'iadvize-sandbox';
const IFRAME_URL = `${CHAT}/iadvize-boxed-iframe.html`;
/** The sandbox iAdvize's boxed-tag README gives the iframe. */
const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-forms';
/** The host's full build, with GA4 and the boxed tag configured on its script tag. */
const BOXED_BRIDGE = `data-analytics="ga4" data-boxed-iframe="#${IFRAME_ID}" data-boxed-origin="${CHAT}"`;
const RELAY = '/dist/iadvize-bridge.boxed.iife.min.js';
export const SIMULATOR = '/dist/iadvize-simulator.iife.js';

/** A script: a fixture name (`record` is /e2e/fixtures/record.js), an absolute path, inline `{ code }` or `{ module }`. */
type Script = string | { code: string } | { module: string };
const element = (part: Script, attributes = '') =>
  typeof part === 'string'
    ? `<script src="${part.startsWith('/') ? part : `/e2e/fixtures/${part}.js`}" ${attributes}></script>`
    : 'module' in part
      ? `<script type="module">${part.module}</script>`
      : `<script>${part.code}</script>`;
const scripts = (parts: Script[]) => parts.map((part) => element(part)).join('\n');

export interface HostParts {
  /** Before the bridge; Google's gtag snippet by default. */
  before?: Script[];
  /** The attributes of the full build's script tag, `BOXED_BRIDGE` by default; false for no bridge. */
  bridge?: string | false;
  /** After the bridge; the event recorder (window.recorded) by default. */
  after?: Script[];
  /** The boxed iframe in the body (default); false to add it later with `addIframe`. */
  iframe?: boolean;
  /** iAdvize's boxed-tag host script (the stand-in), started on the iframe after it. */
  boxedTag?: boolean;
  /**
   * Three other frames on the page, each a blank `/frame.html`: one of another site (evil.test), one
   * of the iframe's origin (another page of chat.shop.test) and one of the shop's own origin.
   */
  evil?: boolean;
  /** At the end of the body. */
  last?: Script[];
}

export const iframeElement = (src = IFRAME_URL) =>
  `<iframe id="${IFRAME_ID}" title="iAdvize chat" src="${src}" sandbox="${SANDBOX}" allow="camera;microphone;autoplay"
  style="border:none;position:fixed;bottom:0;right:0;width:100vw;height:100vh;pointer-events:none"></iframe>`;

function hostHtml(parts: HostParts): string {
  const { before = ['gtag-stub'], bridge = BOXED_BRIDGE, after = ['record'], iframe = true, last = [] } = parts;
  const boxedTag = parts.boxedTag
    ? `${element('boxed-tag-host-stand-in')}<script>iAdvizeBoxedTag.initIAdvizeHost('${IFRAME_ID}')</script>`
    : '';
  const evil = parts.evil
    ? [EVIL, CHAT, HOST].map((origin) => `<iframe src="${origin}/frame.html" style="width:10px;height:10px"></iframe>`).join('')
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title>
${scripts(before)}
${bridge === false ? '' : element('/dist/iadvize-bridge.full.iife.min.js', bridge)}
${scripts(after)}
</head><body><h1>Shop</h1><a href="/cart.html?coupon=SECRET#reviews">cart</a>
${iframe ? iframeElement() : ''}
${boxedTag}
${evil}
${scripts(last)}
</body></html>`;
}

export interface IframeParts {
  /** The attributes of the relay's script tag, `data-host-origin="http://shop.test"` by default; false for none. */
  relay?: string | false;
  /** Site code between the relay and the tag. */
  site?: Script[];
  /** The tag (the simulator) as iAdvize's boxed-tag iframe script (the stand-in) loads it, rather than a script tag. */
  boxedTag?: boolean;
  /** The attributes of the simulator's script tag; false for no tag. */
  tag?: string | false;
  /** After the tag. */
  last?: Script[];
}

function iframeHtml(parts: IframeParts): string {
  const { relay = `data-host-origin="${HOST}"`, site = [], tag = '', last = [] } = parts;
  const theTag = parts.boxedTag
    ? `${element('boxed-tag-iframe-stand-in')}<script>iAdvizeBoxedTag.initIAdvizeIframe(1234, '${SIMULATOR}')</script>`
    : tag === false
      ? ''
      : element(SIMULATOR, tag);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>iAdvize boxed</title></head><body>
${element('boxed-received')}
${relay === false ? '' : element(RELAY, relay)}
${scripts(site)}
${theTag}
${scripts(last)}
</body></html>`;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES: Record<string, string> = { js: 'text/javascript', mjs: 'text/javascript', map: 'application/json' };

/** A file of dist/ or e2e/fixtures/, or undefined for any other path. */
async function repositoryFile(pathname: string): Promise<{ body: Buffer; contentType: string } | undefined> {
  if (!/^\/(dist|e2e\/fixtures)\/[\w./-]+$/.test(pathname) || pathname.includes('..')) return undefined;
  const body = await readFile(root + pathname.slice(1)).catch(() => undefined);
  return body && { body, contentType: TYPES[pathname.split('.').pop() ?? ''] ?? 'application/octet-stream' };
}

export interface Boxed {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions of every frame, as `origin: text` (the origin of the script that wrote it). */
  problems: string[];
  /** Every console line of every frame, as `origin type: text` (the origin of the script that wrote it). */
  logs: string[];
  /** Requests for any other address: refused. */
  outside: string[];
  /** The boxed iframe's frame, once it is there. */
  chat(): Promise<Frame>;
  close(): Promise<void>;
}

/** Opens the shop at `path` with `host` parts, its boxed iframe's page made of `iframe` parts. */
export async function openBoxed(
  browser: Browser,
  { host = {}, iframe = {}, path = '/product.html?utm_source=mail#top' }: { host?: HostParts; iframe?: IframeParts; path?: string } = {},
): Promise<Boxed> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  const logs: string[] = [];
  const outside: string[] = [];
  // Chromium names no frame for a console line: the origin of the script that wrote it tells.
  const where = (url: string) => (url.startsWith('http') ? new URL(url).origin : '(inline)');
  page.on('console', (message) => {
    const origin = where(message.location().url);
    logs.push(`${origin} ${message.type()}: ${message.text()}`);
    if (message.type() === 'error') problems.push(`${origin}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    const file = await repositoryFile(url.pathname);
    if (file && [HOST, CHAT, EVIL].includes(url.origin)) return route.fulfill({ status: 200, ...file });
    if (url.pathname === '/frame.html' && [HOST, CHAT, EVIL].includes(url.origin))
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>frame</title>' });
    if (url.origin === HOST) return route.fulfill({ contentType: 'text/html', body: hostHtml(host) });
    // As boxed-tag's README asks: only the shop may embed the tag's page.
    if (url.origin === CHAT && url.pathname === new URL(IFRAME_URL).pathname)
      return route.fulfill({
        contentType: 'text/html',
        headers: { 'content-security-policy': `frame-ancestors ${HOST}` },
        body: iframeHtml(iframe),
      });
    outside.push(url.href);
    return route.abort();
  });
  await page.goto(HOST + path);
  const chat = async () => {
    await page.waitForFunction((url) => [...document.querySelectorAll('iframe')].some((f) => f.src === url), IFRAME_URL);
    for (;;) {
      const frame = page.frames().find((candidate) => candidate.url() === IFRAME_URL);
      if (frame) return frame;
      await page.waitForTimeout(20);
    }
  };
  return { page, context, problems, logs, outside, chat, close: () => context.close() };
}

/** One Chromium for a spec file. */
export function useChromium(): { browser: Browser } {
  const ctx = {} as { browser: Browser };
  beforeAll(async () => {
    ctx.browser = await launch();
  });
  afterAll(async () => {
    await ctx.browser?.close();
  });
  return ctx;
}
