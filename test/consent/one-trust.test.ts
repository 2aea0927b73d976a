import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { oneTrust, type ConsentState } from '../../src/index.js';
import { newWindow } from '../helpers.js';

interface Globals {
  OneTrust?: unknown;
  OnetrustActiveGroups?: unknown;
}
const globals = (win: Window) => win as unknown as Globals;

/**
 * OneTrust's Web CMP as its events guide documents it: `OnetrustActiveGroups` (`',C0001,C0003,'`),
 * `OneTrustGroupsUpdated` on the window at load and each change, `OneTrust.OnConsentChanged(fn)`,
 * `OneTrust.IsAlertBoxClosed()` once the visitor answered the banner.
 */
function loadOneTrust(win: Window, { events = true } = {}) {
  const page = globals(win);
  const changed: Array<() => void> = [];
  let closed = false;
  page.OneTrust = { IsAlertBoxClosed: () => closed, OnConsentChanged: (fn: () => void) => changed.push(fn) };
  const set = (groups: string[], answered = true) => {
    closed = answered;
    page.OnetrustActiveGroups = `,${groups.join(',')},`;
    if (events) win.dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail: groups }));
    else for (const fn of changed) fn();
  };
  return { set };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('oneTrust()', () => {
  it('is undecided until the banner is answered, then follows each change', () => {
    const win = newWindow();
    const source = oneTrust({ group: 'C0003' });
    const heard: ConsentState[] = [];
    source.subscribe(win, (state) => heard.push(state));
    const cmp = loadOneTrust(win);
    cmp.set(['C0001'], false);
    expect(source.state(win)).toBe('undecided');
    cmp.set(['C0001', 'C0003']);
    cmp.set(['C0001']);
    expect(heard).toEqual(['granted', 'denied']);
  });

  it('hears OnConsentChanged too (a OneTrust that loads late, without the window event)', () => {
    const win = newWindow();
    const source = oneTrust({ group: 'C0003' });
    const heard: ConsentState[] = [];
    source.subscribe(win, (state) => heard.push(state));
    vi.advanceTimersByTime(5_000);
    const cmp = loadOneTrust(win, { events: false });
    vi.advanceTimersByTime(2_000);
    cmp.set(['C0001', 'C0003']);
    expect(heard).toEqual(['granted']);
  });

  it('does not take C0003 for C00030, nor garbage for an answer; a throwing OneTrust reads as undecided', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    const source = oneTrust({ group: 'C0003' });
    globals(win).OnetrustActiveGroups = ',C0001,C0003,';
    expect(source.state(win)).toBe('granted');
    globals(win).OnetrustActiveGroups = ',C00030,C0001,';
    expect(source.state(win)).toBe('undecided');
    globals(win).OnetrustActiveGroups = ['C0003'];
    expect(source.state(win)).toBe('undecided');
    globals(win).OnetrustActiveGroups = ',C0001,';
    globals(win).OneTrust = {
      IsAlertBoxClosed() {
        throw new Error('broken');
      },
    };
    expect(source.state(win)).toBe('undecided');
    expect(oneTrust({ group: 'C0003' }).state(newWindow())).toBe('undecided');
    vi.restoreAllMocks();
  });

  it('says a wrong option where the source is made', () => {
    expect(() => oneTrust({ group: '  ' })).toThrow("oneTrust(): `group` must be a non-empty string, e.g. 'C0003'");
    expect(() => oneTrust({ category: 'C0003' } as never)).toThrow(/unknown option `category`/);
  });
});
