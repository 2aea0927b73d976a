import { describe, expect, it } from 'vitest';
import { amplitude, custom, ga4, gtm, install, mixpanel, plausible, posthog, segment, webSdk } from '../../src/index.js';
import { newWindow } from '../helpers.js';

// Every option of the wrong type is a TypeError naming it, where it is written: `includeIds: 'false'`
// is truthy, so it used to send the ids the site meant to keep.
describe('adapter and plugin options of the wrong type', () => {
  it('includeIds must be true or false, in every adapter', () => {
    for (const factory of [ga4, gtm, (options: object) => custom(() => {}, options)]) {
      for (const value of ['false', 0, 1, null, {}])
        expect(() => factory({ includeIds: value as never })).toThrow('`includeIds` must be true or false');
    }
    expect(ga4({ includeIds: undefined }).name).toBe('ga4');
  });

  it("'false' sends no conversation id (it never reaches the tool)", () => {
    const win = newWindow();
    const sent: unknown[][] = [];
    Object.assign(win, { gtag: (...args: unknown[]) => sent.push(args) });
    expect(() => install({ window: win, plugins: [ga4({ includeIds: 'false' as never })] })).toThrow(TypeError);
    expect(sent).toEqual([]);
  });

  it('sendTo and client are checked', () => {
    expect(() => ga4({ sendTo: 42 as never })).toThrow('`sendTo` must be a string or an array of strings');
    expect(() => ga4({ sendTo: ['G-1', 2] as never })).toThrow('`sendTo`');
    expect(ga4({ sendTo: ['G-1', 'G-2'] }).name).toBe('ga4');
    expect(() => segment({ client: {} as never })).toThrow('segment(): `client` must be an object with a track() function');
    expect(() => mixpanel({ client: 'mixpanel' as never })).toThrow('mixpanel(): `client`');
    expect(() => amplitude({ client: null as never })).toThrow('amplitude(): `client`');
    expect(() => posthog({ client: { track: () => {} } as never })).toThrow(
      'posthog(): `client` must be an object with a capture() function',
    );
    expect(() => plausible({ client: {} as never })).toThrow('plausible(): `client` must be an object with a trackEvent() function');
    expect(() => webSdk({ followNavigation: 'yes' as never })).toThrow('`followNavigation` must be true or false');
  });
});
