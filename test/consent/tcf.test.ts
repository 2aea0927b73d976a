import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tcf, type ConsentState } from '../../src/index.js';
import { newWindow } from '../helpers.js';

interface Globals {
  __tcfapi?: unknown;
}
const globals = (win: Window) => win as unknown as Globals;

type Callback = (tcData: unknown, success: boolean) => void;

/** A CMP as the TCF v2 CMP API describes it: `addEventListener` calls back now (if loaded) and on each change. */
function cmpOn(win: Window) {
  const callbacks: Callback[] = [];
  let last: unknown;
  globals(win).__tcfapi = (command: string, version: number, callback: Callback) => {
    if (command !== 'addEventListener' || version !== 2) return;
    callbacks.push(callback);
    if (last) callback(last, true);
  };
  const tell = (eventStatus: string, purposes: Record<number, boolean>, vendors: Record<number, boolean> = {}, gdprApplies = true) => {
    last = { gdprApplies, eventStatus, listenerId: 1, purpose: { consents: purposes }, vendor: { consents: vendors } };
    for (const callback of callbacks) callback(last, true);
  };
  return { callbacks, tell };
}

function follow(win: Window, source = tcf()) {
  const heard: ConsentState[] = [];
  source.subscribe(win, (state) => heard.push(state));
  return { heard, state: () => source.state(win) };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('tcf()', () => {
  it('follows the visitor: granted, then withdrawn, each change told once', () => {
    const win = newWindow();
    const cmp = cmpOn(win);
    const { heard, state } = follow(win);
    expect(state()).toBe('undecided');
    cmp.tell('cmpuishown', {});
    expect(state()).toBe('undecided');
    cmp.tell('useractioncomplete', { 1: true });
    expect(state()).toBe('granted');
    cmp.tell('useractioncomplete', { 1: true }); // called back twice with the same answer
    cmp.tell('useractioncomplete', { 1: false });
    expect(state()).toBe('denied');
    expect(heard).toEqual(['granted', 'denied']);
  });

  it('needs every purpose listed and the vendor', () => {
    const win = newWindow();
    const cmp = cmpOn(win);
    const { state } = follow(win, tcf({ purposes: [1, 7], vendorId: 1234 }));
    cmp.tell('tcloaded', { 1: true, 7: true }, { 1234: false });
    expect(state()).toBe('denied');
    cmp.tell('useractioncomplete', { 1: true, 7: true }, { 1234: true });
    expect(state()).toBe('granted');
    cmp.tell('useractioncomplete', { 1: true }, { 1234: true });
    expect(state()).toBe('denied');
  });

  it('is granted where the GDPR does not apply', () => {
    const win = newWindow();
    cmpOn(win).tell('tcloaded', {}, {}, false);
    expect(tcf().state(win)).toBe('granted');
  });

  it('waits for a CMP that loads late, and stays undecided for one that never loads', () => {
    const win = newWindow();
    const { heard, state } = follow(win);
    vi.advanceTimersByTime(10_000);
    expect(state()).toBe('undecided');
    cmpOn(win).tell('tcloaded', { 1: true });
    vi.advanceTimersByTime(2_000);
    expect(heard).toEqual(['granted']);
    const never = newWindow();
    const source = tcf();
    source.state(never);
    vi.advanceTimersByTime(3_600_000);
    expect(source.state(never)).toBe('undecided');
    // A CMP that never loads costs one property read every 2 s.
    expect(vi.getTimerCount()).toBeLessThanOrEqual(2);
  });

  it('reads nothing until asked (safe in a server render)', () => {
    const win = newWindow();
    const api = vi.fn();
    globals(win).__tcfapi = api;
    const source = tcf();
    expect(api).not.toHaveBeenCalled();
    source.state(win);
    expect(api).toHaveBeenCalledWith('addEventListener', 2, expect.any(Function));
  });

  it('a CMP that throws, or answers garbage, reads as undecided, said once, never thrown', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    globals(win).__tcfapi = () => {
      throw new Error('CMP broke');
    };
    expect(tcf().state(win)).toBe('undecided');
    const other = newWindow();
    const cmp = cmpOn(other);
    const { heard, state } = follow(other);
    cmp.tell('tcloaded', { 1: true });
    for (const garbage of [null, 'yes', 42, { eventStatus: 'tcloaded', purpose: 'all' }]) cmp.callbacks[0](garbage, true);
    expect(state()).toBe('undecided');
    cmp.tell('tcloaded', { 1: true });
    cmp.callbacks[0]({ eventStatus: 'tcloaded', purpose: { consents: { 1: true } } }, false);
    expect(heard).toEqual(['granted', 'undecided', 'granted', 'undecided']);
    expect(warn).toHaveBeenCalledTimes(2); // once for each source, however often its CMP fails
    warn.mockRestore();
  });

  it('says a wrong option where the source is made', () => {
    expect(() => tcf({ purposes: [] })).toThrow('tcf(): `purposes` must be TCF purpose numbers, e.g. [1, 7]');
    expect(() => tcf({ purposes: ['1'] as never })).toThrow(TypeError);
    expect(() => tcf({ vendorId: 0 })).toThrow('tcf(): `vendorId` must be the whole number the CMP gives its vendor');
    expect(() => tcf({ vendor: 1 } as never)).toThrow(/unknown option `vendor`: did you mean `vendorId`\?/);
  });
});
