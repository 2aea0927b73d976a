import { fail } from '../core/errors.js';
import { log } from '../core/guard.js';
import { checkKnownOptions } from '../shared/known-options.js';
import type { ConsentSource, ConsentState } from './source.js';

/** Runs `read` (code that calls into the consent tool) and applies its answer; undefined leaves the state as it is. */
type Update = (read: () => ConsentState | undefined) => void;

/**
 * Starts following the consent tool on `win`: hooks its events and calls `update` on each. What it
 * returns, if anything, re-reads the tool at each `state()` (for tools whose answer can be read at once).
 */
type Start = (win: Window, update: Update) => (() => void) | void;

/** Where a source keeps its record of each window. */
export type Records = Pick<WeakMap<Window, Followed>, 'get' | 'set'>;

interface Followed {
  state: ConsentState;
  listeners: Set<(state: ConsentState) => void>;
  refresh?: (() => void) | void;
}

/**
 * A consent source from the way one tool is followed (`scope` and `options` name it in messages):
 * started on a window the first time it is asked about, never when made, so it is safe in a server
 * render; then one record per window. Every call into the tool runs through `update`: a tool that
 * throws reads as undecided, said once.
 */
export function follow(scope: string, options: object, start: Start, windows: Records = new WeakMap()): ConsentSource {
  const name = `${scope.slice(0, -1)}${JSON.stringify(options)})`;
  let said = false;
  const on = (win: Window): Followed => {
    let record = windows.get(win);
    if (record) return record;
    const followed: Followed = (record = { state: 'undecided', listeners: new Set() });
    windows.set(win, record);
    const update: Update = (read) => {
      let next: ConsentState | undefined;
      try {
        next = read();
      } catch (error) {
        next = 'undecided';
        if (!said) log('warn', `${name} read as undecided: the consent tool failed`, error);
        said = true;
      }
      if (!next || next === followed.state) return;
      followed.state = next;
      followed.listeners.forEach((listener) => {
        try {
          listener(next);
        } catch (error) {
          log('error', name, error);
        }
      });
    };
    update(() => void (followed.refresh = start(win, update)));
    return record;
  };
  return {
    consentSource: true,
    name,
    state(win) {
      const followed = on(win);
      if (followed.refresh) followed.refresh();
      return followed.state;
    },
    subscribe(win, listener) {
      const { listeners } = on(win);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** `true` is granted, `false` denied, anything else (a tool not decided, or garbage) undecided. */
export const answer = (value: unknown): ConsentState => (value === true ? 'granted' : value === false ? 'denied' : 'undecided');

/**
 * Calls `found` once `test` holds on the page: a tool loaded by its own script, which may come late or
 * never. Polled with a growing pause (50 ms doubling to 2 s): one property read per tick, nothing
 * wrapped or redefined on the page, and a tool that never loads costs one read every 2 s.
 */
export function whenLoaded(test: () => unknown, found: () => void, pause = 50): void {
  let loaded: unknown;
  try {
    loaded = test();
  } catch {
    // A getter that throws: not loaded yet.
  }
  if (loaded) found();
  else setTimeout(() => whenLoaded(test, found, Math.min(pause * 2, 2000)), pause);
}

/** `Array.isArray` without widening a typed list to `any[]`. */
export const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value);

/** The one non-empty `string` option of `scope`, checked where the source is made. */
export function nameOption(scope: string, options: unknown, option: string, example: string): string {
  checkKnownOptions(scope, options, [option]);
  const value = (options as Record<string, unknown>)[option];
  if (typeof value !== 'string' || !value.trim()) fail(scope, `\`${option}\` must be a non-empty string, e.g. '${example}'`);
  return value;
}
