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
  const win = new HappyWindow({ url: 'https://shop.example/product' }) as unknown as Host;
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

  it.each(['http://cdn.example/iadvize.js', 'javascript:alert(1)', 'data:text/javascript,1'])('refuses to load %s: https: or the page itself only', (src) => {
    // The page's origin decides, so the check runs at setup; it is still the caller's mistake, thrown by install().
    const win = newPage();
    expect(() => install({ window: win, plugins: [iadvizeTag({ sid: 1, src })] })).toThrow("iadvize-bridge iadvizeTag(): `src` must be an https: URL or on this page's origin");
    expect(scripts(win)).toHaveLength(0);
  });

  it('the script tag: data-sid, data-lang and data-tag-src; a bad data-sid is said and nothing loads', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const attributes = (values: Record<string, string>) => (name: string) => values[name] ?? null;
    expect(tagFromScript(attributes({}))).toEqual([]);
    expect(tagFromScript(attributes({ 'data-sid': '1234', 'data-lang': 'fr' }))).toHaveLength(1);
    expect(tagFromScript(attributes({ 'data-sid': 'x' }))).toEqual([]);
    expect(error).toHaveBeenCalledWith('[iadvize-bridge] the iAdvize tag was not loaded:', expect.objectContaining({ message: expect.stringContaining('`sid`') }));
  });
});
