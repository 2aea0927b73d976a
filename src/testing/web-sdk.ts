import type { IAdvizeWebSdk } from '../sdk.js';
import { consentAnswer, type PayloadGeneration } from './payloads.js';

export interface WebSdkRecord {
  navigations: Array<string | undefined>;
  transactions: Array<{ id: string; amount: number }>;
  sets: Array<[string, unknown]>;
}

/**
 * The tag's Web SDK object as the documentation describes it: `get` answers consents as `true`,
 * `false` or `null` (strings for tags before 2023), `set` takes booleans and fires
 * `<property>Change`, `on`/`off` manage listeners.
 */
export function createWebSdk(record: WebSdkRecord, generation: PayloadGeneration, version: 'LIGHT' | 'FULL' = 'FULL'): IAdvizeWebSdk & { help(): string[] } {
  const consents: Record<string, boolean | null> = { 'visitor:cookiesConsent': null, 'visitor:GDPRConsent': null };
  const value = (property: string): unknown => (property === 'tag:version' ? version : property in consents ? consentAnswer(generation, consents[property]!) : undefined);
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  return {
    get: value,
    set(property, given) {
      if (!(property in consents)) throw new Error(`iAdvize: property ${property} cannot be set`);
      if (typeof given !== 'boolean') throw new Error(`iAdvize: ${property} takes a boolean`);
      record.sets.push([property, given]);
      consents[property] = given;
      listeners.get(`${property}Change`)?.forEach((listener) => listener(value(property)));
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
    help: () => ['activate', 'get', 'help', 'logout', 'navigate', 'off', 'on', 'recordTransaction', 'set'],
  };
}
