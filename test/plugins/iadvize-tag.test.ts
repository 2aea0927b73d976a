import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TAG_SRC, iadvizeTag, install, type BridgeEvent, type IAdvizeTagOptions } from '../../src/index.js';
import { tagFromScript } from '../../src/script-tag.js';

afterEach(() => {
  vi.restoreAllMocks();
});

type Host = Window & { iAdvizeInterface?: unknown[] & { config?: unknown }; iAdvize?: unknown; iAdvizeCallbacks?: unknown };

const added = new WeakMap<Window, HTMLScriptElement[]>();
/** A page whose scripts neither load nor fail until a test says so (their own onload/onerror). */
function newPage(): Host {
  // Never fetches: a script element the page itself holds (its own snippet) must not reach the network.
  const win = new HappyWindow({ url: 'https://shop.example/product', settings: { disableJavaScriptFileLoading: true } }) as unknown as Host;
  const list: HTMLScriptElement[] = [];
  added.set(win, list);
  win.document.head.appendChild = ((node: HTMLScriptElement) => (list.push(node), node)) as never;
  return win;
}
const scripts = (win: Window) => added.get(win)!;
/** Lets the promises of a consent answer settle. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function withTag(options: IAdvizeTagOptions, win = newPage(), more: object = {}) {
  const events: BridgeEvent[] = [];
  const bridge = install({ window: win, plugins: [iadvizeTag(options)], ...more });
  bridge.on('*', (event) => events.push(event as BridgeEvent));
  return { win, bridge, events };
}

describe('iadvizeTag()', () => {
  it('sets the config, then adds the tag once, async, after the registry exists', () => {
    const win = newPage();
    let registryThere: unknown;
    const append = win.document.head.appendChild;
    win.document.head.appendChild = ((node: Node) => {
      registryThere = Object.getOwnPropertyDescriptor(win, 'iAdvizeCallbacks')?.get !== undefined;
      return append(node);
    }) as never;
    const { bridge } = withTag({ sid: 1234, lang: 'fr' }, win);
    expect(win.iAdvizeInterface!.config).toEqual({ sid: 1234, lang: 'fr' });
    expect(scripts(win).map((script) => [script.src, script.async])).toEqual([[DEFAULT_TAG_SRC, true]]);
    expect(registryThere).toBe(true);
    expect(bridge.tag.status).toBe('loading');
  });

  it('keeps a config the site set, and a queue the site started', () => {
    const win = newPage();
    const queue = Object.assign([() => {}], { config: { sid: 99, lang: 'de', extra: true } });
    win.iAdvizeInterface = queue;
    withTag({ sid: 1234 }, win);
    expect(win.iAdvizeInterface).toBe(queue);
    expect(queue.config).toEqual({ sid: 99, lang: 'de', extra: true });
  });

  it('loads once per page: a second install, a script included twice, a bridge destroyed and installed again', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newPage();
    const first = install({ window: win, plugins: [iadvizeTag({ sid: 1 })] });
    install({ window: win, plugins: [iadvizeTag({ sid: 1 })] });
    first.destroy();
    const again = install({ window: win, plugins: [iadvizeTag({ sid: 1 })] });
    expect(scripts(win)).toHaveLength(1);
    expect(again.tag.status).toBe('loading');
  });

  it('never adds a second tag to a page whose own snippet already loaded one', () => {
    const win = newPage();
    win.iAdvize = { version: 'site tag' };
    const { bridge } = withTag({ sid: 1 }, win);
    expect(scripts(win)).toHaveLength(0);
    expect(bridge.tag.status).toBe('loaded');
  });

  it('says where loading stands: loading, loaded; or failed (an ad blocker, a 404), with a console line', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const loaded = withTag({ sid: 1 });
    scripts(loaded.win)[0]!.onload!(new Event('load'));
    expect(loaded.bridge.tag.status).toBe('loaded');
    expect(loaded.events.map((event) => event.type)).toEqual(['tag:loaded']);

    const blocked = withTag({ sid: 1, src: 'https://cdn.example/iadvize.js' });
    scripts(blocked.win)[0]!.onerror!(new Event('error'));
    expect(blocked.bridge.tag.status).toBe('failed');
    expect(blocked.events).toEqual([expect.objectContaining({ type: 'tag:failed', src: 'https://cdn.example/iadvize.js' })]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the iAdvize tag could not load from https://cdn.example/iadvize.js'));
  });

  it('with consent: waits for a yes, loads nothing on a no, and tag.load() loads anyway', async () => {
    let resolve!: (yes: boolean) => void;
    const later = withTag({ sid: 1, consent: new Promise<boolean>((r) => (resolve = r)) });
    expect(later.bridge.tag.status).toBe('waiting-for-consent');
    expect(scripts(later.win)).toHaveLength(0);
    resolve(true);
    await settled();
    expect(scripts(later.win)).toHaveLength(1);

    const refused = withTag({ sid: 1, consent: () => false });
    await settled();
    expect(scripts(refused.win)).toHaveLength(0);
    refused.bridge.tag.load();
    refused.bridge.tag.load();
    expect(scripts(refused.win)).toHaveLength(1);
  });

  it('a consent function that throws is reported, and nothing loads', async () => {
    const onError = vi.fn();
    const boom = new Error('cmp down');
    const { win } = withTag({ sid: 1, consent: () => { throw boom; } }, newPage(), { onError });
    await settled();
    expect(scripts(win)).toHaveLength(0);
    expect(onError).toHaveBeenCalledWith(boom, { source: 'plugin', type: 'consent', plugin: 'iadvizeTag' });
  });

  it('gives the tag the nonce of a strict Content-Security-Policy', () => {
    const { win } = withTag({ sid: 1, nonce: 'r4nd0m' });
    expect(scripts(win)[0]!.nonce).toBe('r4nd0m');
  });

  it.each([
    [{}, /`sid` must be your iAdvize site id/],
    [{ sid: '12a' }, /`sid` must be your iAdvize site id/],
    [{ sid: 1, lang: 'french' }, /`lang` must be a language code/],
    [{ sid: 1, src: '' }, /`src` must be the URL of the tag/],
    [{ sid: 1, consent: true }, /`consent` must be a function or a promise/],
    [null, /takes an options object/],
  ])('rejects %j with a clear error', (options, message) => {
    expect(() => iadvizeTag(options as never)).toThrow(message);
  });

  it.each(['http://cdn.example/iadvize.js', 'javascript:alert(1)', 'data:text/javascript,1', 'blob:https://shop.example/0b5e4c3a-0000-4000-8000-000000000000'])('refuses to load %s: https: or the page itself only', (src) => {
    const onError = vi.fn();
    const win = newPage();
    install({ window: win, onError, plugins: [iadvizeTag({ sid: 1, src })] });
    expect(scripts(win)).toHaveLength(0);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('must be an https: URL') }), expect.objectContaining({ type: 'setup' }));
  });

  it('the script tag: data-sid, data-lang and data-tag-src; a bad data-sid is said and nothing loads', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const attributes = (values: Record<string, string>) => (name: string) => values[name] ?? null;
    expect(tagFromScript(attributes({}))).toEqual([]);
    expect(tagFromScript(attributes({ 'data-sid': '1234', 'data-lang': 'fr' }))).toHaveLength(1);
    expect(tagFromScript(attributes({ 'data-sid': 'x' }))).toEqual([]);
    expect(error).toHaveBeenCalledWith('[iadvize-bridge] data-sid="x" must be your iAdvize site id, digits such as data-sid="1234": the iAdvize tag was not loaded');
  });

  // Observed before: "the iAdvize tag was not loaded: TypeError: iadvize-bridge iadvizeTag(): `lang` must be ...".
  it.each([
    [{ 'data-sid': '1234', 'data-lang': 'french' }, 'data-lang="french" must be a language code such as data-lang="fr"'],
    [{ 'data-sid': '1234', 'data-tag-src': 'data:text/javascript,1' }, 'data-tag-src="data:text/javascript,1" must be an https: URL, or http: on this page\'s own origin (never data:, blob: or javascript:)'],
    [{ 'data-sid': '1234', 'data-consent': 'maybe' }, 'data-consent="maybe" is not one of true, false, 1, 0, yes, no (or present and empty)'],
  ])('script-tag errors name the attribute as written and what it accepts: %j', (values, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(tagFromScript((name) => (values as Record<string, string>)[name] ?? null)).toEqual([]);
    expect(error).toHaveBeenCalledWith(`[iadvize-bridge] ${message}: the iAdvize tag was not loaded`);
    expect(String(error.mock.calls)).not.toContain('iadvizeTag()');
  });

  it('data-consent="false" (or 0, no) does not hold the tag back; present, empty or true does', () => {
    const held = (value: string) => {
      const plugin = tagFromScript((name) => ({ 'data-sid': '1234', 'data-consent': value })[name] ?? null)[0]!;
      const win = newPage();
      return (install({ window: win, plugins: [plugin] }) as unknown as { tag: { status: string } }).tag.status;
    };
    expect([held('false'), held('0'), held('no')]).toEqual(['loading', 'loading', 'loading']);
    expect([held(''), held('true'), held('yes')]).toEqual(['waiting-for-consent', 'waiting-for-consent', 'waiting-for-consent']);
  });
});

describe('iadvizeTag() under a strict Content-Security-Policy', () => {
  it('takes the page\'s script nonce at install and gives it to a tag loaded later (a consent click)', async () => {
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
    expect(scripts(win)[0]!.nonce).toBe('r4nd0m');
  });
});

describe('tag sources in a document whose origin is "null" (srcdoc, sandboxed, about:blank)', () => {
  const nullPage = (): Host => {
    const win = newPage();
    Object.defineProperty(win, 'origin', { value: 'null' });
    Object.defineProperty(win, 'location', { value: { href: 'about:srcdoc', origin: 'null', search: '' } });
    return win;
  };
  it.each(['data:text/javascript,1', 'blob:null/0b5e4c3a-0000-4000-8000-000000000000', 'javascript:1', 'about:blank'])('refuses %s, and says why', (src) => {
    const onError = vi.fn();
    const win = nullPage();
    install({ window: win, onError, plugins: [iadvizeTag({ sid: 1, src })] });
    // Observed before for data: "data:text/javascript,1" loaded: its origin, "null", passed for the page's own.
    expect(scripts(win)).toHaveLength(0);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('never data:, blob: or javascript:') }), expect.objectContaining({ type: 'setup' }));
  });

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

  it('says so in debug mode, and reports a failure of the page\'s own script', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const win = newPage();
    const own = siteScript(win, 'https://halc.iadvize.com/iadvize.js');
    const { bridge, events } = withTag({ sid: 1234 }, win, { debug: true });
    expect(info).toHaveBeenCalledWith('[iadvize-bridge] the page loads the iAdvize tag itself (https://halc.iadvize.com/iadvize.js): not loaded again');
    own.dispatchEvent(new Event('error'));
    expect(bridge.tag.status).toBe('failed');
    expect(events.map((event) => event.type)).toEqual(['tag:failed']);
  });

  it('scripts that only look like the tag are not it', () => {
    const win = newPage();
    for (const src of ['https://iadvize.com.evil.example/iadvize.js', 'https://evil.example/lc.iadvize.com/iadvize.js', 'https://halc.iadvize.com/other.js']) siteScript(win, src);
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
