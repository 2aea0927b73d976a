import type { EventMap } from './events.js';
import { flag } from './shared/coerce.js';
import { watchUrl } from './navigation.js';

/** What `bridge.sdk.get` can read, and the type of each value (consents: `null` while unknown). */
export interface SdkProperties {
  'tag:version': 'LIGHT' | 'FULL';
  'visitor:cookiesConsent': boolean | null;
  'visitor:GDPRConsent': boolean | null;
}
export type SdkProperty = keyof SdkProperties;

/** The part of the tag's Web SDK object that the bridge uses. */
export interface IAdvizeWebSdk {
  get(property: string): unknown;
  set(property: string, value: unknown): void;
  on(event: string, callback: (value: unknown) => void): void;
  off(event: string, callback: (value: unknown) => void): void;
  navigate(screen?: string): void;
  recordTransaction(transaction: { id: string; amount: number }): void;
}

export interface Sdk {
  /** Restarts targeting on a new screen, as an SPA route change should. Default: the current path and query. */
  navigate(screen?: string): void;
  /** Records a conversion for attribution. `id` non-empty, `amount` a finite number >= 0. */
  recordTransaction(transaction: { id: string; amount: number }): void;
  /** Passes the consent tool's decision to the tag. */
  setConsent(consent: { cookies?: boolean; gdpr?: boolean }): void;
  /** Reads a property once the tag is loaded; rejects after `timeoutMs` (default 10 s) if it never answers. */
  get<P extends SdkProperty>(property: P, options?: { timeoutMs?: number }): Promise<SdkProperties[P]>;
  /** Calls `navigate` on every SPA route change; returns the stop function. */
  followNavigation(): () => void;
}

const CONSENT_PROPERTIES = { cookies: 'visitor:cookiesConsent', gdpr: 'visitor:GDPRConsent' } as const;
const PROPERTIES: readonly SdkProperty[] = ['tag:version', 'visitor:cookiesConsent', 'visitor:GDPRConsent'];

function fail(message: string): never {
  throw new TypeError(`iadvize-bridge sdk: ${message}`);
}

const consentValue = (value: unknown): boolean | null => flag(value) ?? null;

/**
 * The Web SDK through the `window.iAdvizeInterface` queue: every call works before the tag loads
 * (the tag runs queued functions once it is ready) and after (the tag then runs them at once).
 */
export function createSdk(
  win: Window,
  emitConsent: (payload: EventMap['consent:changed'], raw: unknown) => void,
  /** The bridge's guard: what a queued call throws is reported, never thrown into the tag. */
  guard: (code: () => void, method: string) => void,
) {
  type Queued = (sdk: IAdvizeWebSdk) => void;
  const host = win as unknown as { iAdvizeInterface?: { push(fn: Queued): unknown } };
  /** Functions handed to the queue that the tag has not run yet: taken back by destroy(). */
  const waiting = new Set<Queued>();
  const pendingGets = new Set<() => void>();
  let alive = true;

  /** Queues `fn` for the tag, through the guard. */
  function run(method: string, fn: (sdk: IAdvizeWebSdk) => void): Queued {
    const queued: Queued = (sdk) => {
      waiting.delete(queued);
      if (alive) guard(() => fn(sdk), method);
    };
    waiting.add(queued);
    guard(() => {
      // The documented idiom: reuse the site's array (it may carry `config`), never replace it.
      host.iAdvizeInterface ??= [] as unknown as { push(fn: Queued): unknown };
      host.iAdvizeInterface.push(queued);
    }, method);
    return queued;
  }

  /** Takes back what the tag has not run yet, so a destroyed bridge leaves nothing in its queue. */
  function unqueue(): void {
    guard(() => {
      const queue = host.iAdvizeInterface;
      if (!Array.isArray(queue)) return;
      for (const fn of waiting) {
        const index = queue.indexOf(fn);
        if (index >= 0) queue.splice(index, 1);
      }
    }, 'destroy');
    waiting.clear();
  }

  // Both spellings exist in the wild; a change is emitted once whichever (or both) the tag fires.
  const known: Partial<Record<'cookies' | 'gdpr', boolean | null>> = {};
  const listeners: Array<[string, (value: unknown) => void]> = [];
  for (const kind of ['cookies', 'gdpr'] as const) {
    const onChange = (raw: unknown): void => {
      const value = consentValue(raw);
      if (known[kind] === value) return;
      known[kind] = value;
      emitConsent({ kind, value }, raw);
    };
    for (const suffix of ['Change', 'Changed']) listeners.push([CONSENT_PROPERTIES[kind] + suffix, onChange]);
  }
  const subscribe = run('on', (sdk) => listeners.forEach(([event, listener]) => sdk.on(event, listener)));

  let stopFollowing: (() => void) | undefined;

  const sdk: Sdk = {
    navigate(screen) {
      if (screen !== undefined && typeof screen !== 'string') fail('navigate(screen) takes a string');
      const target = screen ?? win.location.pathname + win.location.search;
      run('navigate', (tag) => tag.navigate(target));
    },
    recordTransaction(transaction) {
      const { id, amount } = (transaction ?? {}) as { id?: unknown; amount?: unknown };
      if (typeof id !== 'string' || !id.trim()) fail('recordTransaction needs a non-empty string `id`');
      if (typeof amount !== 'number' || !isFinite(amount) || amount < 0) fail('recordTransaction needs a finite `amount` >= 0');
      run('recordTransaction', (tag) => tag.recordTransaction({ id, amount }));
    },
    setConsent(consent) {
      const entries = Object.entries(consent ?? {}) as Array<[string, unknown]>;
      if (!entries.length) fail('setConsent needs `cookies` and/or `gdpr`');
      for (const [kind, value] of entries) {
        if (!(kind in CONSENT_PROPERTIES)) fail(`setConsent: unknown consent "${kind}" (use cookies or gdpr)`);
        if (typeof value !== 'boolean') fail(`setConsent: \`${kind}\` must be true or false`);
      }
      run('set', (tag) => {
        for (const [kind, value] of entries) tag.set(CONSENT_PROPERTIES[kind as keyof typeof CONSENT_PROPERTIES], value);
      });
    },
    get(property, { timeoutMs = 10_000 } = {}) {
      if (PROPERTIES.indexOf(property) < 0) fail(`get: unknown property "${String(property)}" (known: ${PROPERTIES.join(', ')})`);
      return new Promise((resolve, reject) => {
        const settle = (): void => {
          clearTimeout(timer);
          pendingGets.delete(release);
        };
        const release = (): void => {
          settle();
          reject(new Error(`iadvize-bridge sdk: the bridge was destroyed before the tag answered get('${property}')`));
        };
        const timer = setTimeout(() => {
          settle();
          reject(new Error(`iadvize-bridge sdk: the iAdvize tag did not answer get('${property}') within ${timeoutMs} ms`));
        }, timeoutMs);
        pendingGets.add(release);
        run('get', (tag) => {
          settle();
          try {
            const value = tag.get(property);
            resolve((property === 'tag:version' ? value : consentValue(value)) as SdkProperties[typeof property]);
          } catch (error) {
            reject(error);
          }
        });
      });
    },
    followNavigation() {
      stopFollowing ??= watchUrl(win, (url) => sdk.navigate(url));
      return () => {
        stopFollowing?.();
        stopFollowing = undefined;
      };
    },
  };

  return {
    sdk,
    /** Runs `fn` once the tag has loaded its Web SDK (at once if it has). */
    whenReady(fn: () => void): void {
      run('ready', () => fn());
    },
    destroy(): void {
      stopFollowing?.();
      pendingGets.forEach((release) => release());
      const subscribed = !waiting.has(subscribe);
      unqueue();
      alive = false;
      // The tag already holds our consent listeners: it must let go of them.
      if (subscribed) guard(() => host.iAdvizeInterface?.push((tag) => guard(() => listeners.forEach(([event, listener]) => tag.off(event, listener)), 'off')), 'off');
    },
  };
}
