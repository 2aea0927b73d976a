import { describe, expect, it, vi } from 'vitest';
import { didomi, type ConsentState } from '../../src/index.js';
import { newWindow } from '../helpers.js';

interface Globals {
  Didomi?: unknown;
  didomiOnReady?: unknown;
  didomiEventListeners?: unknown;
}
const globals = (win: Window) => win as unknown as Globals;

/**
 * Didomi's Web SDK as its reference documents it: it runs the `didomiOnReady` callbacks with the SDK once
 * ready (and at once after), registers `didomiEventListeners`, and answers `getUserConsentStatusForVendor`
 * with true, false or undefined (no choice yet).
 */
function loadDidomi(win: Window, status: () => unknown) {
  const page = globals(win);
  const listeners: Array<{ event: string; listener: () => void }> = [];
  const sdk = { getUserConsentStatusForVendor: vi.fn(() => status()) };
  page.Didomi = sdk;
  for (const entry of (page.didomiEventListeners ?? []) as Array<{ event: string; listener: () => void }>) listeners.push(entry);
  page.didomiEventListeners = { push: (entry: { event: string; listener: () => void }) => listeners.push(entry) };
  const ready = (page.didomiOnReady ?? []) as Array<(sdk: unknown) => void>;
  page.didomiOnReady = { push: (callback: (sdk: unknown) => void) => callback(sdk) };
  for (const callback of ready) callback(sdk);
  const changed = () => listeners.filter((entry) => entry.event === 'consent.changed').forEach((entry) => entry.listener());
  return { sdk, changed };
}

describe('didomi()', () => {
  it('waits for the SDK, then follows each consent.changed, a withdrawal included', () => {
    const win = newWindow();
    const source = didomi({ vendor: 'c:iadvize' });
    const heard: ConsentState[] = [];
    source.subscribe(win, (state) => heard.push(state));
    expect(source.state(win)).toBe('undecided');
    let status: unknown;
    const cmp = loadDidomi(win, () => status);
    expect(cmp.sdk.getUserConsentStatusForVendor).toHaveBeenCalledWith('c:iadvize');
    expect(source.state(win)).toBe('undecided');
    status = true;
    cmp.changed();
    status = false;
    cmp.changed();
    expect(heard).toEqual(['granted', 'denied']);
  });

  it('reads an SDK already loaded at once', () => {
    const win = newWindow();
    loadDidomi(win, () => true);
    expect(didomi({ vendor: 'c:iadvize' }).state(win)).toBe('granted');
  });

  it('an SDK that throws or answers garbage reads as undecided; one that never loads too', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    let broken = false;
    const cmp = loadDidomi(win, () => {
      if (broken) throw new Error('not ready');
      return true;
    });
    const source = didomi({ vendor: 'c:iadvize' });
    expect(source.state(win)).toBe('granted');
    broken = true;
    cmp.changed();
    expect(source.state(win)).toBe('undecided');
    const other = newWindow();
    loadDidomi(other, () => 'yes');
    expect(didomi({ vendor: 'c:iadvize' }).state(other)).toBe('undecided');
    const never = newWindow();
    globals(never).didomiOnReady = 'not an array';
    expect(didomi({ vendor: 'c:iadvize' }).state(never)).toBe('undecided');
    expect(didomi({ vendor: 'c:iadvize' }).state(newWindow())).toBe('undecided');
    vi.restoreAllMocks();
  });

  it('says a wrong option where the source is made', () => {
    expect(() => didomi({ vendor: '' })).toThrow("didomi(): `vendor` must be a non-empty string, e.g. 'c:iadvize'");
    expect(() => didomi({ vendorId: 'x' } as never)).toThrow(/unknown option `vendorId`: did you mean `vendor`\?/);
    expect(() => didomi(undefined as never)).toThrow(TypeError);
  });
});
