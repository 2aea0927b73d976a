import type { IAdvizeWebSdk } from '../sdk.js';

export interface WebSdkRecord {
  navigations: Array<string | undefined>;
  transactions: Array<{ id: string; amount: number }>;
  sets: Array<[string, unknown]>;
}

/**
 * The tag's Web SDK object as the documentation describes it: `get` answers "true"/"false"/"unknown"
 * for consents, `set` takes booleans and fires `<property>Change`, `on`/`off` manage listeners.
 */
export function createWebSdk(record: WebSdkRecord, version: 'LIGHT' | 'FULL' = 'FULL'): IAdvizeWebSdk & { help(): string[] } {
  const values: Record<string, string> = { 'tag:version': version, 'visitor:cookiesConsent': 'unknown', 'visitor:GDPRConsent': 'unknown' };
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  return {
    get: (property) => values[property],
    set(property, value) {
      if (!(property in values) || property === 'tag:version') throw new Error(`iAdvize: property ${property} cannot be set`);
      if (typeof value !== 'boolean') throw new Error(`iAdvize: ${property} takes a boolean`);
      record.sets.push([property, value]);
      values[property] = String(value);
      listeners.get(`${property}Change`)?.forEach((listener) => listener(values[property]));
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
