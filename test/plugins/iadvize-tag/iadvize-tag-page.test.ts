import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TAG_SRC, iadvizeTag, install } from '../../../src/index.js';
import { newPage, scripts, settled, withTag, type Host } from './tag-page.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The tag loader and the page around it: its Content-Security-Policy, its origin, its own snippet. */

describe('iadvizeTag() under a strict Content-Security-Policy', () => {
  it("takes the page's script nonce at install and gives it to a tag loaded later (a consent click)", async () => {
    const win = newPage();
    const own = win.document.createElement('script');
    // A browser hides the attribute's value once a policy applies (getAttribute gives ''); `nonce` keeps it.
    own.setAttribute('nonce', '');
    own.nonce = 'r4nd0m';
    win.document.body.appendChild(own);
    const { bridge } = withTag({ sid: 1, consent: () => false }, win);
    own.remove();
    await settled();
    bridge.tag.load();
    // Observed before: '' (the nonce was looked for when load() ran, where no script is running).
    expect(scripts(win)[0].nonce).toBe('r4nd0m');
  });
});

describe('tag sources in a document whose origin is "null" (srcdoc, sandboxed, about:blank)', () => {
  const nullPage = (): Host => {
    const win = newPage();
    Object.defineProperty(win, 'origin', { value: 'null' });
    Object.defineProperty(win, 'location', { value: { href: 'about:srcdoc', origin: 'null', search: '' } });
    return win;
  };
  it.each(['data:text/javascript,1', 'blob:null/0b5e4c3a-0000-4000-8000-000000000000', 'javascript:1', 'about:blank'])(
    'refuses %s, and says why',
    (src) => {
      const win = nullPage();
      // Observed before for data: "data:text/javascript,1" loaded: its origin, "null", passed for the page's own.
      // The page decides, so it is judged at setup; a mistake of the caller's, thrown by install().
      expect(() => install({ window: win, plugins: [iadvizeTag({ sid: 1, src })] })).toThrow('never data:, blob: or javascript:');
      expect(scripts(win)).toHaveLength(0);
    },
  );

  it('loads an https: tag', () => {
    const win = nullPage();
    install({ window: win, plugins: [iadvizeTag({ sid: 1, src: 'https://halc.iadvize.com/iadvize.js' })] });
    expect(scripts(win).map((script) => script.src)).toEqual(['https://halc.iadvize.com/iadvize.js']);
  });
});

/**
 * The page's own snippet (`<script async src="//lc.iadvize.com/iadvize.js?sid=...">`, or the modern
 * `iAdvizeInterface.config` then `https://halc.iadvize.com/iadvize.js`) still loading when the loader
 * runs: the tag must run once, and the loader follows the page's script instead of adding its own.
 */
describe('a tag the page is already loading', () => {
  /** The page's own tag script, as its HTML put it (not through the loader's appendChild). */
  function siteScript(win: Host, src: string): HTMLScriptElement {
    const script = win.document.createElement('script');
    script.async = true;
    script.src = src;
    win.document.body.insertBefore(script, null);
    return script;
  }

  it.each([
    ['the legacy snippet', 'https://lc.iadvize.com/iadvize.js?sid=1234', {}],
    ['the modern snippet', 'https://halc.iadvize.com/iadvize.js', {}],
    ['another iAdvize host', 'https://sd.iadvize.com/iadvize.js', {}],
    ['the configured source', 'https://shop.example/vendor/iadvize.js', { src: '/vendor/iadvize.js' }],
  ])('%s: not loaded again; the loader follows it (status, tag:loading, tag:loaded)', (_what, src, more) => {
    const win = newPage();
    const own = siteScript(win, src);
    const { bridge, events } = withTag({ sid: 1234, ...more }, win);
    // Observed before: a second script, the tag running twice.
    expect(scripts(win)).toHaveLength(0);
    expect(bridge.tag.status).toBe('loading');
    own.dispatchEvent(new Event('load'));
    expect(bridge.tag.status).toBe('loaded');
    expect(events.map((event) => [event.type, (event as { src?: string }).src])).toEqual([['tag:loaded', src]]);
  });

  it("says so in debug mode, and reports a failure of the page's own script", () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const win = newPage();
    const own = siteScript(win, 'https://halc.iadvize.com/iadvize.js');
    const { bridge, events } = withTag({ sid: 1234 }, win, { debug: true });
    expect(info).toHaveBeenCalledWith(
      '[iadvize-bridge] the page loads the iAdvize tag itself (https://halc.iadvize.com/iadvize.js): not loaded again',
    );
    own.dispatchEvent(new Event('error'));
    expect(bridge.tag.status).toBe('failed');
    expect(events.map((event) => event.type)).toEqual(['tag:failed']);
  });

  it("a snippet held back from running (a consent tool's text/plain, nomodule) is not followed: the loader loads the tag", () => {
    const win = newPage();
    siteScript(win, 'https://halc.iadvize.com/iadvize.js').type = 'text/plain';
    siteScript(win, 'https://lc.iadvize.com/iadvize.js?sid=1234').noModule = true;
    const { bridge } = withTag({ sid: 1234 }, win);
    // Observed before: "loading" forever, and the tag never requested.
    expect(scripts(win).map((script) => script.src)).toEqual([DEFAULT_TAG_SRC]);
    expect(bridge.tag.status).toBe('loading');
  });

  it.each([
    [200, 'loaded'],
    [404, 'failed'],
  ])('a snippet that finished (HTTP %i) before the loader looked is settled at once: %s', (responseStatus, status) => {
    const win = newPage();
    const src = 'https://lc.iadvize.com/iadvize.js?sid=1234';
    siteScript(win, src);
    Object.defineProperty(win, 'performance', {
      value: { getEntriesByName: (name: string) => (name === src ? [{ responseStatus }] : []) },
    });
    const { bridge } = withTag({ sid: 1234 }, win);
    // Observed before: "loading" forever, no tag:* event, and tag.load() did nothing.
    expect(bridge.tag.status).toBe(status);
    expect(scripts(win)).toHaveLength(0);
  });

  it('the nonce of a script that runs, never of one held back as text/plain ahead of it', () => {
    const win = newPage();
    for (const [type, nonce] of [
      ['text/plain', 'held-back'],
      ['module', 'allowed'],
    ]) {
      const script = win.document.createElement('script');
      script.type = type!;
      script.setAttribute('nonce', nonce);
      script.nonce = nonce!;
      win.document.body.appendChild(script);
    }
    withTag({ sid: 1234 }, win);
    // Observed before: "held-back", which the policy does not allow: the tag was blocked.
    expect(scripts(win).map((script) => script.nonce)).toEqual(['allowed']);
  });

  it('scripts that only look like the tag are not it', () => {
    const win = newPage();
    for (const src of [
      'https://iadvize.com.evil.example/iadvize.js',
      'https://evil.example/lc.iadvize.com/iadvize.js',
      'https://halc.iadvize.com/other.js',
    ])
      siteScript(win, src);
    withTag({ sid: 1 }, win);
    expect(scripts(win).map((script) => script.src)).toEqual([DEFAULT_TAG_SRC]);
  });

  it('decides once the page is parsed: a snippet later in the HTML than the bridge is seen too', () => {
    const win = newPage();
    Object.defineProperty(win.document, 'readyState', { value: 'loading', configurable: true });
    const { bridge } = withTag({ sid: 1234 }, win);
    expect(scripts(win)).toHaveLength(0);
    // The site's modern snippet, below the bridge's script tag.
    win.iAdvizeInterface = Object.assign([], { config: { sid: 1234 } });
    siteScript(win, 'https://halc.iadvize.com/iadvize.js');
    Object.defineProperty(win.document, 'readyState', { value: 'interactive', configurable: true });
    win.document.dispatchEvent(new Event('DOMContentLoaded'));
    // Observed before: the loader's own script, added while the page was still being parsed.
    expect(scripts(win)).toHaveLength(0);
    expect(bridge.tag.status).toBe('loading');
  });

  it('a page with no snippet of its own gets the tag once it is parsed', () => {
    const win = newPage();
    Object.defineProperty(win.document, 'readyState', { value: 'loading', configurable: true });
    const { bridge } = withTag({ sid: 1234 }, win);
    bridge.tag.load();
    Object.defineProperty(win.document, 'readyState', { value: 'interactive', configurable: true });
    win.document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(scripts(win).map((script) => script.src)).toEqual([DEFAULT_TAG_SRC]);
  });
});
