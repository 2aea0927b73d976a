import { describe, expect, it, vi } from 'vitest';
import { cookiebot, type ConsentState } from '../../src/index.js';
import { newWindow } from '../helpers.js';

interface Globals {
  Cookiebot?: { hasResponse: unknown; consent: Record<string, unknown> };
}
const globals = (win: Window) => win as unknown as Globals;

/** Cookiebot as its developer page documents it: `Cookiebot.consent.<category>`, `hasResponse`, window events. */
function loadCookiebot(win: Window) {
  const page = globals(win);
  const bot = { hasResponse: false, consent: { necessary: true, preferences: false, statistics: false, marketing: false } };
  page.Cookiebot = bot;
  return (event: string, hasResponse: boolean, statistics: boolean) => {
    bot.hasResponse = hasResponse;
    bot.consent.statistics = statistics;
    win.dispatchEvent(new Event(event));
  };
}

describe('cookiebot()', () => {
  it('is undecided until the visitor answers, then follows accept and decline', () => {
    const win = newWindow();
    const source = cookiebot({ category: 'statistics' });
    const heard: ConsentState[] = [];
    source.subscribe(win, (state) => heard.push(state));
    const tell = loadCookiebot(win);
    tell('CookiebotOnConsentReady', false, false);
    expect(source.state(win)).toBe('undecided');
    tell('CookiebotOnAccept', true, true);
    tell('CookiebotOnAccept', true, true);
    tell('CookiebotOnDecline', true, false);
    expect(heard).toEqual(['granted', 'denied']);
  });

  it('a missing, garbage or throwing Cookiebot reads as undecided', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    const source = cookiebot({ category: 'marketing' });
    expect(source.state(win)).toBe('undecided');
    globals(win).Cookiebot = { hasResponse: true, consent: { marketing: true } };
    expect(source.state(win)).toBe('granted');
    globals(win).Cookiebot = { hasResponse: 'yes', consent: { marketing: true } };
    expect(source.state(win)).toBe('undecided');
    Object.defineProperty(win, 'Cookiebot', {
      get() {
        throw new Error('hostile');
      },
    });
    expect(source.state(win)).toBe('undecided');
    vi.restoreAllMocks();
  });

  it('says a wrong option where the source is made', () => {
    expect(() => cookiebot({ category: 'necessary' })).toThrow(
      "cookiebot(): `category` must be 'preferences', 'statistics' or 'marketing'",
    );
    expect(() => cookiebot({ category: 'Statistics' })).toThrow(TypeError);
  });
});
