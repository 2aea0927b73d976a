import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TAG_SRC, iadvizeTag, install } from '../../../src/index.js';
import { tagFromScript } from '../../../src/script-tag.js';
import { TOOL_CONSENT } from '../../../src/consent/attribute.js';
import { newPage, scripts, settled, withTag } from './tag-page.js';

afterEach(() => {
  vi.restoreAllMocks();
});

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
    scripts(loaded.win)[0].onload!(new Event('load'));
    expect(loaded.bridge.tag.status).toBe('loaded');
    expect(loaded.events.map((event) => event.type)).toEqual(['tag:loaded']);

    const blocked = withTag({ sid: 1, src: 'https://cdn.example/iadvize.js' });
    scripts(blocked.win)[0].onerror!(new Event('error'));
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

  it('a misspelt option is an error, so a mistyped consent never loads the tag without it', () => {
    const typo = { sid: 1234, Consent: () => false } as unknown as Parameters<typeof iadvizeTag>[0];
    expect(() => iadvizeTag(typo)).toThrow('iadvize-bridge iadvizeTag(): unknown option `Consent`: did you mean `consent`?');
    expect(() => iadvizeTag({ sid: 1234, lang: 'fr', src: DEFAULT_TAG_SRC, nonce: 'n', consent: () => true })).not.toThrow();
  });

  it('a consent function that throws is reported, and nothing loads', async () => {
    const onError = vi.fn();
    const boom = new Error('cmp down');
    const { win } = withTag(
      {
        sid: 1,
        consent: () => {
          throw boom;
        },
      },
      newPage(),
      { onError },
    );
    await settled();
    expect(scripts(win)).toHaveLength(0);
    expect(onError).toHaveBeenCalledWith(boom, { source: 'plugin', type: 'consent', plugin: 'iadvizeTag' });
  });

  it('gives the tag the nonce of a strict Content-Security-Policy', () => {
    const { win } = withTag({ sid: 1, nonce: 'r4nd0m' });
    expect(scripts(win)[0].nonce).toBe('r4nd0m');
  });

  it.each([
    [{}, /`sid` must be your iAdvize site id/],
    [{ sid: '12a' }, /`sid` must be your iAdvize site id/],
    [{ sid: 1, lang: 'french' }, /`lang` must be a language code/],
    [{ sid: 1, src: '' }, /`src` must be the URL of the tag/],
    [{ sid: 1, consent: true }, /`consent` must be a consent source \(such as tcf\(\)\), a function or a promise/],
    [null, /takes an options object/],
  ])('rejects %j with a clear error', (options, message) => {
    expect(() => iadvizeTag(options as never)).toThrow(message);
  });

  it.each([
    'http://cdn.example/iadvize.js',
    'javascript:alert(1)',
    'data:text/javascript,1',
    'blob:https://shop.example/0b5e4c3a-0000-4000-8000-000000000000',
  ])('refuses to load %s: https: or the page itself only', (src) => {
    // The page's origin decides, so the check runs at setup; it is still the caller's mistake, thrown by install().
    const win = newPage();
    expect(() => install({ window: win, plugins: [iadvizeTag({ sid: 1, src })] })).toThrow(
      "iadvize-bridge iadvizeTag(): `src` must be an https: URL, or http: on this page's own origin",
    );
    expect(scripts(win)).toHaveLength(0);
  });

  it('the script tag: data-sid, data-lang and data-tag-src; a bad data-sid is said and nothing loads', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const attributes = (values: Record<string, string>) => (name: string) => values[name] ?? null;
    expect(tagFromScript(attributes({}), TOOL_CONSENT)).toEqual([]);
    expect(tagFromScript(attributes({ 'data-sid': '1234', 'data-lang': 'fr' }), TOOL_CONSENT)).toHaveLength(1);
    expect(tagFromScript(attributes({ 'data-sid': 'x' }), TOOL_CONSENT)).toEqual([]);
    expect(error).toHaveBeenCalledWith(
      '[iadvize-bridge] data-sid="x" must be your iAdvize site id, digits such as data-sid="1234": the iAdvize tag was not loaded',
    );
  });

  // Observed before: "the iAdvize tag was not loaded: TypeError: iadvize-bridge iadvizeTag(): `lang` must be ...".
  it.each([
    [{ 'data-sid': '1234', 'data-lang': 'french' }, 'data-lang="french" must be a language code such as data-lang="fr"'],
    [
      { 'data-sid': '1234', 'data-tag-src': 'http://cdn.example/iadvize.js' },
      'data-tag-src="http://cdn.example/iadvize.js" must be an https: URL, or http: on this page\'s own origin (never data:, blob: or javascript:)',
    ],
    [
      { 'data-sid': '1234', 'data-tag-src': 'data:text/javascript,1' },
      'data-tag-src="data:text/javascript,1" must be an https: URL, or http: on this page\'s own origin (never data:, blob: or javascript:)',
    ],
  ])('script-tag errors name the attribute as written and what it accepts: %j', (values, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(tagFromScript((name) => (values as Record<string, string>)[name] ?? null, TOOL_CONSENT)).toEqual([]);
    expect(error).toHaveBeenCalledWith(`[iadvize-bridge] ${message}: the iAdvize tag was not loaded`);
    expect(String(error.mock.calls)).not.toContain('iadvizeTag()');
  });

  it('tag attributes without data-sid are said, not ignored', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(tagFromScript((name) => ({ 'data-lang': 'fr', 'data-consent': '' })[name] ?? null, TOOL_CONSENT)).toEqual([]);
    // Observed before: nothing on the console, no loader.
    expect(error).toHaveBeenCalledWith(
      '[iadvize-bridge] data-lang, data-consent without data-sid: the iAdvize tag is loaded only with data-sid="<your site id>"',
    );
  });

  it('data-consent holds the tag whatever its value; one it cannot read ("false" may mean "no consent yet") is said, and still holds it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const held = (value: string) => {
      const plugin = tagFromScript((name) => ({ 'data-sid': '1234', 'data-consent': value })[name] ?? null, TOOL_CONSENT)[0];
      const win = newPage();
      return (install({ window: win, plugins: [plugin] }) as unknown as { tag: { status: string } }).tag.status;
    };
    expect([held(''), held('true'), held('yes')]).toEqual(['waiting-for-consent', 'waiting-for-consent', 'waiting-for-consent']);
    expect(error).not.toHaveBeenCalled();
    expect([held('false'), held('0'), held('maybe')]).toEqual(['waiting-for-consent', 'waiting-for-consent', 'waiting-for-consent']);
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('data-consent="false" is not a value the bridge reads (accepted: data-consent alone'),
    );
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-consent="maybe" is not a value'));
  });
});
