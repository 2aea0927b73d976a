import type { Adapter } from './adapter-set.js';
import type { AdapterOptions } from './adapters/adapter.js';
import { log } from './guard.js';

type Factory = (options: AdapterOptions) => Adapter;

/**
 * The bridge's options from its own script tag: `data-debug`, `data-analytics="ga4 gtm"` and
 * `data-include-ids`. A mistake in an attribute must not stop the chat integration: it is said on
 * the console and the rest installs (only the table's own names count, so `constructor` or
 * `__proto__` are unknown names like any other typo).
 */
export function optionsFromScript(attribute: (name: string) => string | null, factories: Record<string, Factory>): { debug: boolean; adapters: Adapter[] } {
  const includeIds = switchAttribute(attribute, 'data-include-ids');
  const names = (attribute('data-analytics') ?? '').split(/[\s,]+/).filter(Boolean);
  const adapters: Adapter[] = [];
  for (const name of names.filter((name, index) => names.indexOf(name) === index)) {
    if (Object.prototype.hasOwnProperty.call(factories, name)) adapters.push(factories[name]!({ includeIds }));
    else log('error', `data-analytics: unknown adapter "${name}" (known: ${Object.keys(factories).join(' ')})`);
  }
  return { debug: switchAttribute(attribute, 'data-debug'), adapters };
}

const ON = ['', 'true', '1', 'yes'];
const OFF = ['false', '0', 'no'];

/** An on/off attribute: present and empty, true/1/yes turn it on; false/0/no, or absent, leave it off. */
function switchAttribute(attribute: (name: string) => string | null, name: string): boolean {
  const value = attribute(name);
  if (value === null) return false;
  const word = value.trim().toLowerCase();
  if (ON.indexOf(word) >= 0) return true;
  if (OFF.indexOf(word) < 0) log('error', `${name}="${value}" is not one of true, false, 1, 0, yes, no: left off`);
  return false;
}
