import { describe, expect, it } from 'vitest';
import {
  adobeDataLayer,
  amplitude,
  chatLink,
  custom,
  ga4,
  gaLegacy,
  gtm,
  install,
  matomo,
  mixpanel,
  plausible,
  posthog,
  segment,
  universalAnalytics,
  virtualAgent,
  webSdk,
  type AnyPlugin,
} from '../../src/index.js';
import { newWindow } from '../helpers.js';

const track = () => {};
const LINK = { endpoint: '/api/iadvize-link', measurementId: 'G-ABC123XYZ', consent: () => true };
const EVERY_ADAPTER_OPTION = {
  id: 'x',
  events: ['chat:started'],
  name: { 'chat:started': 'chat_begun' },
  params: () => ({}),
  includeIds: true,
  consent: () => true,
} as const;

describe('unknown options are errors where they are written, with the name that was meant', () => {
  it('install()', () => {
    expect(() => install({ window: newWindow(), plugin: [] } as never)).toThrow(
      new TypeError('iadvize-bridge install(): unknown option `plugin`: did you mean `plugins`?'),
    );
    expect(() => install({ window: newWindow(), Debug: true } as never)).toThrow('unknown option `Debug`: did you mean `debug`?');
    expect(() => install({ window: newWindow(), sid: 1 } as never)).toThrow(
      'unknown option `sid` (known: window, plugins, adapters, debug, onError, persist)',
    );
  });

  it('every adapter factory, with each of its own options accepted', () => {
    const cases: Array<[string, (options: object) => AnyPlugin, object, string, string]> = [
      ['ga4()', ga4, { sendTo: 'G-1', chatUserProperty: true }, 'includeId', 'includeIds'],
      ['ga4()', ga4, {}, 'sendto', 'sendTo'],
      ['gtm()', gtm, { dataLayerName: 'dl' }, 'dataLayername', 'dataLayerName'],
      ['universalAnalytics()', universalAnalytics, {}, 'event', 'events'],
      ['gaLegacy()', gaLegacy, {}, 'concent', 'consent'],
      ['matomo()', matomo, {}, 'param', 'params'],
      ['segment()', segment, { client: { track } }, 'clients', 'client'],
      ['adobeDataLayer()', adobeDataLayer, {}, 'Id', 'id'],
      ['mixpanel()', mixpanel, { client: { track } }, 'client_', 'client'],
      ['amplitude()', amplitude, { client: { track } }, 'names', 'name'],
      ['posthog()', posthog, { client: { capture: track } }, 'cilent', 'client'],
      ['plausible()', plausible, { client: { trackEvent: track } }, 'Client', 'client'],
      ['custom()', (options) => custom(track, options), {}, 'includeID', 'includeIds'],
    ];
    for (const [scope, factory, own, typo, meant] of cases) {
      expect(factory({ ...EVERY_ADAPTER_OPTION, ...own }).name).toBe('x');
      expect(() => factory({ [typo]: true })).toThrow(`iadvize-bridge ${scope}: unknown option \`${typo}\`: did you mean \`${meant}\`?`);
    }
  });

  it('webSdk(), virtualAgent() and chatLink()', () => {
    expect(webSdk({ followNavigation: true }).name).toBe('webSdk');
    expect(() => webSdk({ followNavigations: true } as never)).toThrow(
      'iadvize-bridge webSdk(): unknown option `followNavigations`: did you mean `followNavigation`?',
    );
    expect(virtualAgent().name).toBe('virtualAgent');
    expect(() => (virtualAgent as (options: object) => AnyPlugin)({ endpoint: '/x' })).toThrow(
      'iadvize-bridge virtualAgent(): unknown option `endpoint` (known: none)',
    );
    expect(chatLink(LINK).name).toBe('chatLink');
    expect(() => chatLink({ ...LINK, measurementID: 'G-ABC123XYZ' } as never)).toThrow(
      'iadvize-bridge chatLink(): unknown option `measurementID`: did you mean `measurementId`?',
    );
  });
});

describe('a plugin factory passed without calling it', () => {
  it('is an error that says to call it, in plugins, adapters and use()', () => {
    expect(() => install({ window: newWindow(), plugins: [ga4 as never] })).toThrow(
      new TypeError('iadvize-bridge plugin: a plugin factory must be called: write ga4() not ga4'),
    );
    expect(() => install({ window: newWindow(), adapters: [gtm as never] })).toThrow('write gtm() not gtm');
    expect(() => install({ window: newWindow(), plugins: [(() => () => ({ name: 'x' }))() as never] })).toThrow(
      'write factory() not factory',
    );
    const bridge = install({ window: newWindow(), plugins: [ga4()] });
    expect(() => bridge.use(webSdk as never)).toThrow('write webSdk() not webSdk');
  });

  it('leaves the working plugin of that name in place', () => {
    const win = newWindow();
    const gtag: unknown[][] = [];
    Object.assign(win, { gtag: (...args: unknown[]) => gtag.push(args) });
    const bridge = install({ window: win, plugins: [ga4()] });
    expect(() => install({ window: win, plugins: [ga4 as never] })).toThrow();
    (win as unknown as { iAdvizeCallbacks: { onChatStarted(raw: object): void } }).iAdvizeCallbacks.onChatStarted({ id: 1 });
    expect(gtag.map((call) => call[1])).toEqual(['chat_started']);
    bridge.destroy();
  });
});
