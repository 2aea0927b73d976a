import { fail } from '../../core/errors.js';
import type { Plugin } from '../../core/plugin.js';
import { flag } from '../../shared/coerce.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { createTagQueue } from '../tag-queue.js';
import { PATH_ONLY, watchUrl } from './navigation.js';
import type { Activation, IAdvizeWebSdk, Sdk, SdkProperties, SdkProperty, WebSdkOptions } from './sdk-types.js';
import { WEB_SDK_EVENTS, type WebSdkEvents } from './events.js';

export type {
  Activation,
  AuthenticationOption,
  AuthenticationProvider,
  IAdvizeWebSdk,
  Sdk,
  SdkProperties,
  SdkProperty,
  WebSdkOptions,
} from './sdk-types.js';
export type { WebSdkEvents } from './events.js';

const CONSENT_PROPERTIES = { cookies: 'visitor:cookiesConsent', gdpr: 'visitor:GDPRConsent' } as const;
const PROPERTIES: readonly SdkProperty[] = ['tag:version', 'visitor:cookiesConsent', 'visitor:GDPRConsent'];
const SCOPE = 'webSdk()';

// Tags before 2023 answer consents as strings ("true", "unknown"); later ones as booleans or null.
const consentValue = (value: unknown): boolean | null => flag(value) ?? null;

/**
 * The tag's Web SDK as `bridge.sdk`, typed, through the `window.iAdvizeInterface` queue: every call
 * works before the tag loads (the tag runs queued functions once it is ready) and after. The tag's
 * consent events join the event stream as `consent:changed`.
 * @example
 * const bridge = install({ plugins: [webSdk({ followNavigation: true })] })
 * bridge.sdk.recordTransaction({ id: order.id, amount: order.total })
 */
export function webSdk(options: WebSdkOptions = {}): Plugin<{ sdk: Sdk }, WebSdkEvents> {
  if (options === null || typeof options !== 'object') fail(SCOPE, 'options must be an object');
  checkKnownOptions(SCOPE, options, ['followNavigation']);
  if (options.followNavigation !== undefined && typeof options.followNavigation !== 'boolean')
    fail(SCOPE, '`followNavigation` must be true or false');
  let release: (() => void) | undefined;

  return {
    name: 'webSdk',
    events: WEB_SDK_EVENTS,
    setup(context) {
      const win = context.window;
      const queue = createTagQueue(win, context.guard);
      // Calls waiting for the tag's answer: released (rejected) when the plugin goes.
      const waiting = new Set<() => void>();

      let released = false;
      // A component that kept `bridge.sdk` past destroy() hears it at once, rather than losing a transaction in silence.
      const live = (method: string): void => {
        if (released) fail('sdk', `${method}: the bridge was destroyed (install it again to reach the tag)`);
      };

      /** Runs `fn` on the loaded tag and settles with what it returns (a promise is followed). */
      function ask<T>(method: string, fn: (tag: IAdvizeWebSdk) => T | Promise<T>, timeoutMs?: number): Promise<T> {
        return new Promise<T>((resolve, reject) => {
          const settle = (): void => {
            clearTimeout(timer);
            waiting.delete(abandon);
          };
          const abandon = (why = `the bridge was destroyed before the tag answered ${method}`): void => {
            settle();
            reject(new Error(`iadvize-bridge sdk: ${why}`));
          };
          const timer =
            timeoutMs === undefined
              ? undefined
              : setTimeout(() => abandon(`the iAdvize tag did not answer ${method} within ${timeoutMs} ms`), timeoutMs);
          waiting.add(abandon);
          queue.run(method, (tag) => {
            try {
              // Settled when the answer comes, not when the tag runs the call: a boxed tag answers later.
              Promise.resolve(fn(tag)).then(
                (value) => (settle(), resolve(value)),
                (error: Error) => (settle(), reject(error)),
              );
            } catch (error) {
              settle();
              // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the tag threw, passed on as it was
              reject(error);
            }
          });
        });
      }

      // Both spellings exist in the wild; a change is emitted once whichever (or both) the tag fires.
      const known: Partial<Record<'cookies' | 'gdpr', boolean | null>> = {};
      const listeners: Array<[string, (value: unknown) => void]> = [];
      for (const kind of ['cookies', 'gdpr'] as const) {
        const onChange = (raw: unknown): void => {
          const value = consentValue(raw);
          if (known[kind] === value) return;
          known[kind] = value;
          context.emit('consent:changed', { kind, value }, raw);
        };
        for (const suffix of ['Change', 'Changed']) listeners.push([CONSENT_PROPERTIES[kind] + suffix, onChange]);
      }
      const subscribe = queue.run('on', (tag) => listeners.forEach(([event, listener]) => tag.on(event, listener)));

      /** Navigates to `screen`, else where the page is now: its path and query, the path alone for a boxed tag. */
      const go = (screen?: string): void => {
        const { pathname, search } = win.location;
        queue.run('navigate', (tag) => tag.navigate(screen ?? pathname + ((tag as { [PATH_ONLY]?: true })[PATH_ONLY] ? '' : search)));
      };
      let stopFollowing: (() => void) | undefined;
      const sdk: Sdk = {
        navigate(screen) {
          live('navigate');
          if (screen !== undefined && typeof screen !== 'string') fail('sdk', 'navigate(screen) takes a string');
          go(screen);
        },
        recordTransaction(transaction) {
          live('recordTransaction');
          const { id, amount } = (transaction ?? {}) as { id?: unknown; amount?: unknown };
          if (typeof id !== 'string' || !id.trim()) fail('sdk', 'recordTransaction needs a non-empty string `id`');
          if (typeof amount !== 'number' || !isFinite(amount) || amount < 0) fail('sdk', 'recordTransaction needs a finite `amount` >= 0');
          queue.run('recordTransaction', (tag) => tag.recordTransaction({ id, amount }));
        },
        setConsent(consent) {
          live('setConsent');
          const entries = Object.entries(consent ?? {}) as Array<[string, unknown]>;
          if (!entries.length) fail('sdk', 'setConsent needs `cookies` and/or `gdpr`');
          for (const [kind, value] of entries) {
            if (!(kind in CONSENT_PROPERTIES)) fail('sdk', `setConsent: unknown consent "${kind}" (use cookies or gdpr)`);
            if (typeof value !== 'boolean') fail('sdk', `setConsent: \`${kind}\` must be true or false`);
          }
          queue.run('set', (tag) => {
            for (const [kind, value] of entries) tag.set(CONSENT_PROPERTIES[kind as keyof typeof CONSENT_PROPERTIES], value);
          });
        },
        get(property, { timeoutMs = 10_000 } = {}) {
          live('get');
          if (PROPERTIES.indexOf(property) < 0)
            fail('sdk', `get: unknown property "${String(property)}" (known: ${PROPERTIES.join(', ')})`);
          return ask(
            `get('${property}')`,
            // A boxed tag's stand-in (boxedTag()) answers with a promise.
            (tag) =>
              Promise.resolve(tag.get(property)).then(
                (value) => (property === 'tag:version' ? value : consentValue(value)) as SdkProperties[typeof property],
              ),
            timeoutMs,
          );
        },
        activate(provider) {
          live('activate');
          if (typeof provider !== 'function') fail('sdk', 'activate(provider) takes a function that returns { authenticationOption }');
          // The tag waits for an identity before it starts: no time limit, released only with the plugin.
          return ask('activate', (tag) => tag.activate(provider) as Activation | undefined);
        },
        logout() {
          live('logout');
          return ask('logout', (tag) => void tag.logout());
        },
        help() {
          live('help');
          queue.run('help', (tag) => tag.help());
        },
        followNavigation() {
          live('followNavigation');
          stopFollowing ??= watchUrl(win, () => go());
          return () => {
            stopFollowing?.();
            stopFollowing = undefined;
          };
        },
      };
      if (options.followNavigation) sdk.followNavigation();

      release = () => {
        released = true;
        stopFollowing?.();
        waiting.forEach((abandon) => abandon());
        const subscribed = queue.ran(subscribe);
        queue.release();
        // The tag already holds our consent listeners: it must let go of them.
        if (subscribed) {
          const host = win as unknown as { iAdvizeInterface?: { push(fn: (tag: IAdvizeWebSdk) => void): unknown } };
          context.guard(
            () =>
              host.iAdvizeInterface?.push((tag) =>
                context.guard(() => listeners.forEach(([event, listener]) => tag.off(event, listener)), 'off'),
              ),
            'off',
          );
        }
      };
      return { sdk };
    },
    teardown() {
      release?.();
      release = undefined;
    },
  };
}
