import { afterEach, describe, expect, it, vi } from 'vitest';
import { install } from '../../src/index.js';
import { tagFromScript } from '../../src/script-tag.js';
import { TOOL_CONSENT } from '../../src/consent/attribute.js';
import { newPage, scripts } from '../plugins/iadvize-tag/tag-page.js';

// Each consent tool's factory checks what the attribute asked of it as the real one does (and throws
// as it does), records it, and answers with a source already decided.
const made = vi.hoisted(() => {
  const made: [string, unknown][] = [];
  /** The `tool` factory named `name` in the module `load` gives, checking, recording, answering granted. */
  const source = async (tool: string, load: () => Promise<unknown>, name: string) => {
    const real = ((await load()) as Record<string, (options: never) => unknown>)[name];
    return (options: never) => {
      real(options);
      made.push([tool, options]);
      return { consentSource: true, name: tool, state: () => 'granted', subscribe: () => () => {} };
    };
  };
  return Object.assign(made, { source });
});
vi.mock('../../src/consent/tcf.js', async (load) => ({ tcf: await made.source('tcf', load, 'tcf') }));
vi.mock('../../src/consent/google-consent-mode.js', async (load) => ({
  googleConsentMode: await made.source('gcm', load, 'googleConsentMode'),
}));
vi.mock('../../src/consent/didomi.js', async (load) => ({ didomi: await made.source('didomi', load, 'didomi') }));
vi.mock('../../src/consent/one-trust.js', async (load) => ({ oneTrust: await made.source('onetrust', load, 'oneTrust') }));
vi.mock('../../src/consent/axeptio.js', async (load) => ({ axeptio: await made.source('axeptio', load, 'axeptio') }));
vi.mock('../../src/consent/cookiebot.js', async (load) => ({ cookiebot: await made.source('cookiebot', load, 'cookiebot') }));

afterEach(() => {
  made.length = 0;
  vi.restoreAllMocks();
});

/** The script tag with these attributes (and data-sid="1234"), installed on a page: the loader's status and the tag scripts added. */
function fromScript(attributes: Record<string, string>) {
  const win = newPage();
  const plugins = tagFromScript((name) => ({ 'data-sid': '1234', ...attributes })[name] ?? null, TOOL_CONSENT);
  const bridge = install({ window: win, plugins }) as unknown as { tag?: { status: string } };
  return { status: bridge.tag?.status, scripts: scripts(win).length, win };
}

describe('data-consent names the consent tool to follow', () => {
  it.each([
    ['tcf', ['tcf', undefined]],
    [' TCF ', ['tcf', undefined]],
    ['tcf:1,7', ['tcf', { purposes: [1, 7] }]],
    ['tcf:11', ['tcf', { purposes: [11] }]],
    ['gcm:functionality_storage', ['gcm', { types: ['functionality_storage'] }]],
    ['gcm:functionality_storage, personalization_storage', ['gcm', { types: ['functionality_storage', 'personalization_storage'] }]],
    ['didomi:c:iadvize-AbC12', ['didomi', { vendor: 'c:iadvize-AbC12' }]],
    ['onetrust:C0003', ['onetrust', { group: 'C0003' }]],
    ['axeptio:iadvize', ['axeptio', { vendor: 'iadvize' }]],
    ['cookiebot:preferences', ['cookiebot', { category: 'preferences' }]],
  ])('data-consent="%s" follows %j', (value, expected) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, scripts } = fromScript({ 'data-consent': value });
    expect([...made]).toEqual([expected]);
    // The stand-in source answers granted: gate mode loads the tag.
    expect([status, scripts]).toEqual(['loading', 1]);
    expect(error).not.toHaveBeenCalled();
  });

  it('data-consent="tarteaucitron" registers the iAdvize service, with the site id in its cookies', () => {
    const win = newPage() as ReturnType<typeof newPage> & { tarteaucitron?: { services: Record<string, { cookies: string[] }> } };
    win.tarteaucitron = { services: {} };
    const plugins = tagFromScript((name) => ({ 'data-sid': '1234', 'data-consent': 'tarteaucitron' })[name] ?? null, TOOL_CONSENT);
    install({ window: win, plugins });
    expect(win.tarteaucitron.services.iadvize.cookies).toContain('iadvize-1234-vuid');
    expect(scripts(win)).toHaveLength(0);
  });

  it.each([
    'false',
    'no',
    '0',
    'maybe',
    'tcf:',
    'tcf:0',
    'tcf:12',
    'tcf:1,,7',
    'tcf:1;alert(1)',
    'tcf:1\n7',
    'gcm:',
    'gcm:ad_storage,evil',
    'gcm:AD_STORAGE',
    'didomi:',
    'didomi:<img src=x onerror=alert(1)>',
    `onetrust:${'x'.repeat(65)}`,
    'axeptio:a b',
    'cookiebot:Marketing',
    'cookiebot:statistics,marketing',
    '__proto__:x',
    'constructor:x',
    'hasOwnProperty:x',
    'toString',
    ':tcf',
    'tcf tarteaucitron',
    `tcf:${'1,'.repeat(5000)}1`,
  ])('data-consent=%j cannot be read: said, naming the attribute and the accepted forms; the tag held', (value) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, scripts } = fromScript({ 'data-consent': value });
    expect([status, scripts, made.length]).toEqual(['waiting-for-consent', 0, 0]);
    expect(error).toHaveBeenCalledTimes(1);
    const line = String(error.mock.calls[0][0]);
    expect(line).toContain('data-consent=');
    expect(line).toContain('tcf:1,7, gcm:functionality_storage, didomi:<vendor id>');
    expect(line).toContain('waits for IAdvizeBridge.bridge.tag.load()');
    // A hostile value is quoted and cut: never a console flooded.
    expect(line.length).toBeLessThan(600);
  });
});

describe('data-consent-mode', () => {
  it('coordinated loads the tag at once with useExplicitCookiesConsent and tells it the choice', () => {
    const { status, win } = fromScript({ 'data-consent': 'tcf', 'data-consent-mode': ' Coordinated' });
    expect(status).toBe('loading');
    expect((win.iAdvizeInterface as unknown as { config: unknown }).config).toEqual({ sid: 1234, useExplicitCookiesConsent: true });
    expect((win.iAdvizeInterface as unknown[]).length).toBe(1);
  });

  it('gate is the default, written or not', () => {
    const { win } = fromScript({ 'data-consent': 'tcf', 'data-consent-mode': 'gate' });
    expect((win.iAdvizeInterface as unknown as { config: unknown }).config).toEqual({ sid: 1234 });
  });

  it.each([
    [{ 'data-consent': 'tcf', 'data-consent-mode': 'coordinate' }, 'data-consent-mode="coordinate" is not gate or coordinated'],
    [{ 'data-consent': 'tcf', 'data-consent-mode': '' }, 'data-consent-mode="" is not gate or coordinated'],
    [{ 'data-consent': '', 'data-consent-mode': 'coordinated' }, 'needs a consent tool in data-consent'],
    [{ 'data-consent-mode': 'coordinated' }, 'needs a consent tool in data-consent'],
    [{ 'data-consent-mode': 'gate' }, 'data-consent-mode="gate" needs a consent tool in data-consent'],
  ])('%j is said and the tag held', (attributes, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, scripts } = fromScript(attributes);
    expect([status, scripts]).toEqual(['waiting-for-consent', 0]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining(message));
  });

  it('without data-sid, said like the other tag attributes', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(tagFromScript((name) => ({ 'data-consent-mode': 'coordinated' })[name] ?? null, TOOL_CONSENT)).toEqual([]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-consent-mode without data-sid'));
  });
});
