import type { Activation, AuthenticationProvider, IAdvizeWebSdk } from '../plugins/web-sdk/web-sdk.js';
import { consentAnswer, type PayloadGeneration } from './payloads.js';

export interface WebSdkRecord {
  /** Every call the page made on the Web SDK object, in order: `[method, ...arguments]`. */
  sdkCalls: Array<[string, ...unknown[]]>;
  navigations: Array<string | undefined>;
  transactions: Array<{ id: string; amount: number }>;
  sets: Array<[string, unknown]>;
  /** What each `activate` gave the tag, and how many `logout` calls it had. */
  activations: Activation['authentication'][];
  logouts: number;
}

/** The simulated tag's Web SDK object, with what a test needs to act as the tag. */
export interface SimulatedWebSdk extends IAdvizeWebSdk {
  /** Fires one of the tag's Web SDK events (`visitor:cookiesConsentChange`, the boxed tag's `...Changed`) with `value` as given. */
  fire(event: string, value: unknown): void;
  /** How many listeners the page has on the tag's events. */
  listenerCount(): number;
}

const METHODS = ['activate', 'get', 'help', 'logout', 'navigate', 'off', 'on', 'recordTransaction', 'set'];

/**
 * The tag's Web SDK object as the documentation describes it: `get` answers consents as `true`,
 * `false` or `null` (strings for tags before 2023), `set` takes booleans and fires
 * `<property>Change`, `on`/`off` manage listeners, `activate` asks its provider for an identity.
 */
export function createWebSdk(record: WebSdkRecord, generation: PayloadGeneration, version: 'LIGHT' | 'FULL' = 'FULL'): SimulatedWebSdk {
  const consents: Record<string, boolean | null> = { 'visitor:cookiesConsent': null, 'visitor:GDPRConsent': null };
  const value = (property: string): unknown =>
    property === 'tag:version' ? version : property in consents ? consentAnswer(generation, consents[property]) : undefined;
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  const fire = (event: string, given: unknown): void => listeners.get(event)?.forEach((listener) => listener(given));
  const sdk: IAdvizeWebSdk = {
    get: value,
    set(property, given) {
      if (!(property in consents)) throw new Error(`iAdvize: property ${property} cannot be set`);
      if (typeof given !== 'boolean') throw new Error(`iAdvize: ${property} takes a boolean`);
      record.sets.push([property, given]);
      consents[property] = given;
      fire(`${property}Change`, value(property));
    },
    on(event, callback) {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(callback));
    },
    off(event, callback) {
      listeners.get(event)?.delete(callback);
    },
    navigate(screen) {
      record.navigations.push(screen);
    },
    recordTransaction(transaction) {
      record.transactions.push({ ...transaction });
    },
    // As iAdvize documents it: the provider gives { authenticationOption }; a secured one needs a token.
    async activate(provider: AuthenticationProvider): Promise<Activation> {
      const { authenticationOption: option } = await provider();
      const accepted =
        option?.type === 'ANONYMOUS' ||
        (option?.type === 'SECURED_AUTHENTICATION' && typeof option.token === 'string' && option.token.length > 0);
      const authentication: Activation['authentication'] = accepted
        ? { option, status: 'authentication-success' }
        : { option, status: 'authentication-failure', reason: 'The token is malformed' };
      record.activations.push(authentication);
      return { authentication };
    },
    logout() {
      record.logouts++;
    },
    help: () => METHODS,
  };
  const recorded = Object.fromEntries(
    Object.entries(sdk).map(([method, fn]) => [
      method,
      (...args: unknown[]) => (record.sdkCalls.push([method, ...args]), (fn as (...a: unknown[]) => unknown)(...args)),
    ]),
  ) as unknown as IAdvizeWebSdk;
  return {
    ...recorded,
    fire,
    listenerCount: () => [...listeners.values()].reduce((count, set) => count + set.size, 0),
  };
}
