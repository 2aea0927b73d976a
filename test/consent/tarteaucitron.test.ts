import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tarteaucitron } from '../../src/consent/tarteaucitron.js';

afterEach(() => {
  vi.restoreAllMocks();
});

type Service = {
  key: string;
  type: string;
  name: string;
  uri: string;
  needConsent: boolean;
  cookies: string[];
  js(): void;
  fallback(): void;
};
type Page = Window & { tarteaucitron?: unknown };
/** A parsed page with tarteaucitron.js's globals as its script leaves them: an empty services table and state. */
function page(...given: unknown[]): Page {
  const tac = given.length ? given[0] : { services: {}, state: {}, job: [] };
  const win = new HappyWindow({ url: 'https://shop.example/' }) as unknown as Page;
  win.tarteaucitron = tac;
  return win;
}
const serviceOf = (win: Page) => (win.tarteaucitron as { services: Record<string, Service> }).services.iadvize;
/** An event of the page's own realm, as tarteaucitron's sendEvent and the parser dispatch them. */
const fire = (win: Page, type: string) => win.document.dispatchEvent(new (win as unknown as { Event: typeof Event }).Event(type));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('tarteaucitron()', () => {
  it('registers the iAdvize service: key, support, name, privacy policy, needConsent, the cookies the tag sets', () => {
    const win = page();
    expect(tarteaucitron({ sid: 1234 }).state(win)).toBe('undecided');
    const { js, fallback, ...rest } = serviceOf(win);
    expect(rest).toEqual({
      key: 'iadvize',
      type: 'support',
      name: 'iAdvize',
      uri: 'https://www.iadvize.com/iadvize-privacy-policy',
      needConsent: true,
      cookies: [
        'iadvize-1234-consent',
        'iadvize-1234-vuid',
        'transactionBundle.transaction',
        'transactionBundle.retryCount',
        'idzUtmCampaign',
      ],
    });
    expect([typeof js, typeof fallback]).toEqual(['function', 'function']);
  });

  it('js() is granted; a refusal, then a change of mind, come as its events; each change told once', () => {
    const win = page();
    const source = tarteaucitron();
    const seen: string[] = [];
    source.subscribe(win, (state) => seen.push(state));
    serviceOf(win).js();
    fire(win, 'iadvize_allowed');
    fire(win, 'iadvize_disallowed');
    fire(win, 'iadvize_allowed');
    expect(seen).toEqual(['granted', 'denied', 'granted']);
    expect(source.state(win)).toBe('granted');
  });

  it('fallback() for a visitor who has not answered stays undecided; with the state false it is denied', async () => {
    const win = page();
    const source = tarteaucitron();
    source.state(win);
    serviceOf(win).fallback();
    await tick();
    expect(source.state(win)).toBe('undecided');
    (win.tarteaucitron as { state: Record<string, boolean> }).state.iadvize = false;
    serviceOf(win).fallback();
    await tick();
    expect(source.state(win)).toBe('denied');
  });

  it('a choice tarteaucitron already applied is read at once', () => {
    expect(tarteaucitron().state(page({ services: {}, state: { iadvize: true } }))).toBe('granted');
    expect(tarteaucitron().state(page({ services: {}, state: { iadvize: false } }))).toBe('denied');
  });

  it('tarteaucitron.js included after the bridge is found once the page is parsed', () => {
    const win = page(undefined);
    Object.defineProperty(win.document, 'readyState', { value: 'loading', configurable: true });
    const source = tarteaucitron();
    expect(source.state(win)).toBe('undecided');
    win.tarteaucitron = { services: {} };
    fire(win, 'DOMContentLoaded');
    expect(serviceOf(win).key).toBe('iadvize');
  });

  it.each([undefined, 'tarteaucitron', { services: null }, { services: 'x' }, null])(
    'a page without a usable tarteaucitron (%j) stays undecided, said once, nothing thrown',
    (tac) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const win = page(tac);
      const source = tarteaucitron();
      expect(source.state(win)).toBe('undecided');
      source.subscribe(win, () => {});
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toContain('tarteaucitron.js not found');
    },
  );

  it('stops telling a listener that unsubscribed', () => {
    const win = page();
    const listener = vi.fn();
    const stop = tarteaucitron().subscribe(win, listener);
    stop();
    serviceOf(win).js();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('tarteaucitron() never throws into tarteaucitron.js', () => {
  it('a listener that throws is said, the others still told, and js() returns to tarteaucitron', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const win = page();
    const source = tarteaucitron({ sid: 1234 });
    const heard = vi.fn();
    source.subscribe(win, () => {
      throw new Error('listener broke');
    });
    source.subscribe(win, heard);
    expect(() => serviceOf(win).js()).not.toThrow();
    expect(heard).toHaveBeenCalledWith('granted');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('tarteaucitron({"sid":1234})'), expect.any(Error));
  });

  it('a state table that throws when read reads as undecided, said once, nothing thrown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const rejected = vi.fn();
    process.on('unhandledRejection', rejected);
    const hostile = Object.defineProperty({ services: {} }, 'state', {
      get() {
        throw new Error('hostile');
      },
    });
    const win = page(hostile);
    const source = tarteaucitron();
    expect(source.state(win)).toBe('undecided');
    serviceOf(win).fallback();
    await tick();
    expect(source.state(win)).toBe('undecided');
    process.off('unhandledRejection', rejected);
    expect(rejected).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
