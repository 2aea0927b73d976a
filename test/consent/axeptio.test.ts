import { describe, expect, it, vi } from 'vitest';
import { axeptio, type ConsentState } from '../../src/index.js';
import { newWindow } from '../helpers.js';

interface Globals {
  _axcb?: unknown;
}
const globals = (win: Window) => win as unknown as Globals;

/**
 * Axeptio's SDK as its developer pages document it: once loaded it runs the `_axcb` callbacks with the
 * SDK (and at once after), whose `on('cookies:complete', fn)` gets the visitor's choices by vendor.
 */
function loadAxeptio(win: Window) {
  const page = globals(win);
  const listeners: Array<(choices: unknown) => void> = [];
  const sdk = { on: (event: string, fn: (choices: unknown) => void) => event === 'cookies:complete' && listeners.push(fn) };
  const queued = (page._axcb ?? []) as Array<(sdk: unknown) => void>;
  page._axcb = { push: (callback: (sdk: unknown) => void) => callback(sdk) };
  for (const callback of queued) callback(sdk);
  return { complete: (choices: unknown) => listeners.forEach((fn) => fn(choices)) };
}

describe('axeptio()', () => {
  it('waits for the SDK, then follows each choice, a withdrawal included', () => {
    const win = newWindow();
    const source = axeptio({ vendor: 'iadvize' });
    const heard: ConsentState[] = [];
    source.subscribe(win, (state) => heard.push(state));
    const cmp = loadAxeptio(win);
    expect(source.state(win)).toBe('undecided');
    cmp.complete({ iadvize: true, google_analytics: false });
    cmp.complete({ iadvize: true }); // told twice
    cmp.complete({ google_analytics: true });
    expect(heard).toEqual(['granted', 'denied']);
  });

  it('garbage choices and a throwing SDK read as undecided; an SDK that never loads too', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    const source = axeptio({ vendor: 'iadvize' });
    source.state(win);
    const cmp = loadAxeptio(win);
    cmp.complete({ iadvize: true });
    cmp.complete(null);
    expect(source.state(win)).toBe('undecided');
    cmp.complete({ iadvize: 'true' });
    expect(source.state(win)).toBe('denied');
    const broken = newWindow();
    globals(broken)._axcb = {
      push: () => {
        throw new Error('broken');
      },
    };
    expect(axeptio({ vendor: 'iadvize' }).state(broken)).toBe('undecided');
    expect(axeptio({ vendor: 'iadvize' }).state(newWindow())).toBe('undecided');
    vi.restoreAllMocks();
  });

  it('says a wrong option where the source is made', () => {
    expect(() => axeptio({ vendor: 3 } as never)).toThrow("axeptio(): `vendor` must be a non-empty string, e.g. 'iadvize'");
  });
});
