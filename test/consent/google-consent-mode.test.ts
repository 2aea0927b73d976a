import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { googleConsentMode, type ConsentState } from '../../src/index.js';
import { newWindow } from '../helpers.js';

interface Globals {
  dataLayer: unknown[];
  gtag?: unknown;
}
const globals = (win: Window) => win as unknown as Globals;

/** Google's own page snippet: `gtag()` pushes its `arguments` object to `dataLayer`. */
function gtagOn(win: Window) {
  const page = globals(win);
  page.dataLayer = page.dataLayer || [];
  page.gtag = function gtag(..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params -- gtag pushes the arguments object itself
    page.dataLayer.push(arguments);
  };
  return page.gtag as (...args: unknown[]) => void;
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('googleConsentMode()', () => {
  it('reads defaults and updates, at once for state() and within 500 ms for listeners; a withdrawal is a change', () => {
    const win = newWindow();
    const gtag = gtagOn(win);
    gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' });
    gtag('js', new Date());
    const source = googleConsentMode({ types: ['analytics_storage'] });
    const heard: ConsentState[] = [];
    source.subscribe(win, (state) => heard.push(state));
    expect(source.state(win)).toBe('denied');
    gtag('consent', 'update', { analytics_storage: 'granted' });
    expect(source.state(win)).toBe('granted');
    gtag('consent', 'update', { ad_storage: 'granted' });
    gtag('consent', 'update', { analytics_storage: 'denied' });
    vi.advanceTimersByTime(500);
    expect(heard).toEqual(['granted', 'denied']);
  });

  it('needs every type granted; undecided until each has a value', () => {
    const win = newWindow();
    const gtag = gtagOn(win);
    const source = googleConsentMode({ types: ['analytics_storage', 'functionality_storage'] });
    expect(source.state(win)).toBe('undecided');
    gtag('consent', 'update', { analytics_storage: 'granted' });
    expect(source.state(win)).toBe('undecided');
    gtag('consent', 'default', { functionality_storage: 'granted', analytics_storage: 'denied' });
    expect(source.state(win)).toBe('granted'); // a later default does not undo an update
  });

  it('a default limited to regions counts only for what it denies', () => {
    const win = newWindow();
    const gtag = gtagOn(win);
    const source = googleConsentMode({ types: ['analytics_storage'] });
    gtag('consent', 'default', { analytics_storage: 'granted', region: ['US'] });
    expect(source.state(win)).toBe('undecided');
    gtag('consent', 'default', { analytics_storage: 'denied', region: ['FR'] });
    expect(source.state(win)).toBe('denied');
  });

  it('follows a dataLayer made after it was asked, or made again, and commands pushed as arrays', () => {
    const win = newWindow();
    const source = googleConsentMode({ types: ['analytics_storage'] });
    expect(source.state(win)).toBe('undecided');
    globals(win).dataLayer = [['consent', 'update', { analytics_storage: 'granted' }]];
    expect(source.state(win)).toBe('granted');
    globals(win).dataLayer = [];
    expect(source.state(win)).toBe('granted');
  });

  it('never writes consent, never wraps push, never changes dataLayer', () => {
    const win = newWindow();
    const gtag = gtagOn(win);
    gtag('consent', 'default', { analytics_storage: 'denied' });
    const layer = globals(win).dataLayer;
    const push = layer.push;
    const before = [...layer];
    const source = googleConsentMode({ types: ['analytics_storage'] });
    source.subscribe(win, () => {});
    source.state(win);
    vi.advanceTimersByTime(5_000);
    expect(layer.push).toBe(push);
    expect(layer).toEqual(before);
    expect(globals(win).dataLayer).toBe(layer);
  });

  it('garbage and throwing entries read as undecided, never thrown', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    const source = googleConsentMode({ types: ['analytics_storage'] });
    globals(win).dataLayer = [null, 7, 'consent', ['consent', 'update', 'granted'], ['consent', 'update', { analytics_storage: 'yes' }]];
    expect(source.state(win)).toBe('denied');
    const hostile = Object.defineProperty({}, 0, {
      get() {
        throw new Error('hostile');
      },
    });
    globals(win).dataLayer.push(['consent', 'update', { analytics_storage: 'granted' }], hostile);
    expect(source.state(win)).toBe('undecided');
    vi.restoreAllMocks();
  });

  it('says a wrong option where the source is made', () => {
    expect(() => googleConsentMode({ types: [] })).toThrow(
      "googleConsentMode(): `types` must be consent types, e.g. ['analytics_storage']",
    );
    expect(() => googleConsentMode({ types: 'analytics_storage' } as never)).toThrow(TypeError);
    expect(() => googleConsentMode({} as never)).toThrow(TypeError);
  });
});
