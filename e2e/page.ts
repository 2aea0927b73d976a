import type { Browser, Page } from 'playwright';
import { open, type Served } from './browser.js';

/**
 * Every end-to-end page is this one template, in the order a real page has its scripts: site code,
 * the bridge's script tag, more site code, the iAdvize tag (the simulator), code that runs after it.
 * A script is a fixture name (`record` is `/e2e/fixtures/record.js`), an absolute path, or `{ code }`
 * for site code written inline.
 */
type Script = string | { code: string };
export interface PageParts {
  /** Scripts before the bridge: site code, Google's gtag snippet (`gtag-stub`). */
  before?: Script[];
  /** The bridge's script tag: the default or full build, its attributes, included twice; false for none. */
  bridge?: { build?: 'default' | 'full'; attributes?: string; twice?: boolean } | false;
  /** Scripts between the bridge and the tag. */
  after?: Script[];
  /** The tag: the simulator's script with these attributes, another `src` (a blocked tag), or false for none. */
  tag?: { src?: string; attributes?: string } | false;
  /** Scripts after the tag loaded. */
  last?: Script[];
  /** Where the tag goes: after the bridge (the right order) or before it (installed late). */
  tagFirst?: boolean;
  body?: string;
}

const script = (name: string, attributes = '') =>
  `<script src="${name.startsWith('/') ? name : `/e2e/fixtures/${name}.js`}" ${attributes}></script>`;
const element = (part: Script) => (typeof part === 'string' ? script(part) : `<script>${part.code}</script>`);

export function pageHtml(parts: PageParts): string {
  const { before = [], bridge = {}, after = [], tag = {}, last = [], tagFirst = false, body = '' } = parts;
  const bridgeTags = bridge
    ? script(
        bridge.build === 'full' ? '/dist/iadvize-bridge.full.iife.min.js' : '/dist/iadvize-bridge.iife.min.js',
        bridge.attributes,
      ).repeat(bridge.twice ? 2 : 1)
    : '';
  const tagTag = tag ? script(tag.src ?? '/dist/iadvize-simulator.iife.js', tag.attributes) : '';
  const scripts = (parts: Script[]) => parts.map(element).join('\n');
  const middle = tagFirst ? [tagTag, bridgeTags, scripts(after)] : [bridgeTags, scripts(after), tagTag];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>iadvize-bridge e2e</title>
${[scripts(before), ...middle, scripts(last)].join('\n')}
</head><body>${body}</body></html>`;
}

/**
 * Opens a page of the template at `path` on the test server (its query string reaches the page),
 * answered with `headers` (a Content-Security-Policy, say). Records console errors and page errors.
 */
export async function openPage(browser: Browser, server: Served, parts: PageParts, where: Where = {}) {
  const opened = await open(browser, 'about:blank');
  await visit(opened.page, server, parts, where);
  return opened;
}

interface Where {
  path?: string;
  headers?: Record<string, string>;
}

/** Goes to a page of the template in the same tab, as a visitor's next page view: the site's cookies are kept. */
export async function visit(page: Page, server: Served, parts: PageParts, { path = '/e2e/page.html', headers = {} }: Where = {}) {
  const url = new URL(path, server.url);
  await page.route(
    (candidate) => candidate.pathname === url.pathname,
    (route) => route.fulfill({ contentType: 'text/html', headers, body: pageHtml(parts) }),
  );
  await page.goto(url.href);
}
