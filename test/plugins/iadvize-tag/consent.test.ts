import { afterEach, describe, expect, it, vi } from 'vitest';
import { iadvizeTag } from '../../../src/index.js';
import type { ConsentSource } from '../../../src/consent/source.js';
import { newPage, scripts, settled, withTag, type Host } from './tag-page.js';
import { consentStandIn } from '../../helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs the Web SDK queue as the tag does, recording every `set`. */
function sdkCalls(win: Host): unknown[][] {
  const calls: unknown[][] = [];
  const sdk = { set: (...args: unknown[]) => calls.push(args) };
  for (const entry of win.iAdvizeInterface ?? []) if (typeof entry === 'function') (entry as (sdk: unknown) => void)(sdk);
  return calls;
}

describe('iadvizeTag({ consent: a consent source }), gate mode', () => {
  it('loads nothing, sets no config and tells nothing while undecided or denied; loads once on granted', () => {
    const cmp = consentStandIn();
    const { win, bridge } = withTag({ sid: 1, consent: cmp.source });
    expect([scripts(win).length, win.iAdvizeInterface, bridge.tag.status]).toEqual([0, undefined, 'waiting-for-consent']);
    cmp.decide('denied');
    expect([scripts(win).length, win.iAdvizeInterface]).toEqual([0, undefined]);
    cmp.decide('granted');
    cmp.decide('granted');
    expect(scripts(win)).toHaveLength(1);
    expect(win.iAdvizeInterface!.config).toEqual({ sid: 1 });
    expect(sdkCalls(win)).toEqual([]);
  });

  it('a source already granted loads at once', () => {
    const { win } = withTag({ sid: 1, consent: consentStandIn('granted').source });
    expect(scripts(win)).toHaveLength(1);
  });

  it('a withdrawal after the tag loaded tells it visitor:cookiesConsent false; opting in again tells true, one load, everything kept', () => {
    const cmp = consentStandIn('granted');
    const { win, bridge } = withTag({ sid: 1, consent: cmp.source });
    const seen: string[] = [];
    bridge.on('chat:started', () => seen.push('started'));
    cmp.decide('denied');
    cmp.decide('granted');
    expect(sdkCalls(win)).toEqual([
      ['visitor:cookiesConsent', false],
      ['visitor:cookiesConsent', true],
    ]);
    expect(scripts(win)).toHaveLength(1);
    (win.iAdvizeCallbacks as { onChatStarted(): void }).onChatStarted();
    expect(seen).toEqual(['started']);
    expect(cmp.listeners.size).toBe(1);
  });

  it('stops following the source at destroy', () => {
    const cmp = consentStandIn();
    const { bridge } = withTag({ sid: 1, consent: cmp.source });
    bridge.destroy();
    expect(cmp.listeners.size).toBe(0);
  });

  it('a source that throws is reported, never thrown into the page, and nothing loads', () => {
    const onError = vi.fn();
    const source: ConsentSource = {
      consentSource: true,
      name: 'broken()',
      state: () => {
        throw new Error('boom');
      },
      subscribe: () => () => {},
    };
    const { win } = withTag({ sid: 1, consent: source }, newPage(), { onError });
    expect(scripts(win)).toHaveLength(0);
    expect(onError).toHaveBeenCalled();
  });
});

describe("consentMode: 'coordinated'", () => {
  it('loads at once with useExplicitCookiesConsent, then tells the first decision and every change, never undecided', () => {
    const cmp = consentStandIn();
    const { win } = withTag({ sid: 1, lang: 'fr', consent: cmp.source, consentMode: 'coordinated' });
    expect(scripts(win)).toHaveLength(1);
    expect(win.iAdvizeInterface!.config).toEqual({ sid: 1, lang: 'fr', useExplicitCookiesConsent: true });
    expect(sdkCalls(win)).toEqual([]);
    cmp.decide('granted');
    cmp.decide('undecided');
    cmp.decide('denied');
    cmp.decide('denied');
    cmp.decide('granted');
    expect(sdkCalls(win).map((call) => call[1])).toEqual([true, false, true]);
    expect(scripts(win)).toHaveLength(1);
  });

  it("keeps a config the site set, adding the flag; tells a decision already made; a function's answer once", async () => {
    const win = newPage();
    win.iAdvizeInterface = Object.assign([], { config: { sid: 9, extra: 1 } });
    withTag({ sid: 1, consent: consentStandIn('denied').source, consentMode: 'coordinated' }, win);
    expect(win.iAdvizeInterface.config).toEqual({ sid: 9, extra: 1, useExplicitCookiesConsent: true });
    expect(sdkCalls(win)).toEqual([['visitor:cookiesConsent', false]]);
    const other = withTag({ sid: 1, consent: () => true, consentMode: 'coordinated' });
    await settled();
    expect(sdkCalls(other.win)).toEqual([['visitor:cookiesConsent', true]]);
  });

  it("a Web SDK set that throws inside the tag's queue is caught", () => {
    const onError = vi.fn();
    const { win } = withTag({ sid: 1, consent: consentStandIn('granted').source, consentMode: 'coordinated' }, newPage(), { onError });
    const run = () =>
      (win.iAdvizeInterface![0] as (sdk: unknown) => void)({
        set: () => {
          throw new Error('sdk');
        },
      });
    expect(run).not.toThrow();
    expect(onError).toHaveBeenCalled();
  });
});

describe('consent options checked', () => {
  it.each([
    [
      { sid: 1, consent: consentStandIn().source, consentMode: 'coordinate' },
      "`consentMode` must be 'gate' or 'coordinated', not 'coordinate'",
    ],
    [{ sid: 1, consent: consentStandIn().source, consentMode: true }, "`consentMode` must be 'gate' or 'coordinated', not boolean"],
    [{ sid: 1, consentMode: 'coordinated' }, "`consentMode` 'coordinated' needs `consent`"],
    [{ sid: 1, consent: { consentSource: 'yes' } }, '`consent` must be a consent source'],
    [{ sid: 1, consent: consentStandIn().source, consentmode: 'gate' }, 'did you mean `consentMode`?'],
  ])('%j', (options, message) => {
    expect(() => iadvizeTag(options as never)).toThrow(message);
  });
});
