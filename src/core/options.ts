import { checkKnownOptions } from '../shared/known-options.js';
import { fail } from './errors.js';
import type { InstallOptions } from './install.js';

/** Each option and what it must be; the type tests keep this table and `InstallOptions` together. */
const OPTIONS: Record<keyof InstallOptions, 'object' | 'array' | 'boolean' | 'function'> = {
  window: 'object',
  plugins: 'array',
  adapters: 'array',
  debug: 'boolean',
  onError: 'function',
  persist: 'boolean',
};
const MUST_BE = { object: 'an object', array: 'an array', boolean: 'true or false', function: 'a function' };

/** Throws a `TypeError` saying what is wrong with `options`, if anything is. */
export function checkOptions(options: InstallOptions): void {
  if (options === null || typeof options !== 'object') fail('install()', 'takes an options object');
  if ('followNavigation' in options) fail('install()', 'unknown option `followNavigation`: use webSdk({ followNavigation })');
  checkKnownOptions('install()', options, Object.keys(OPTIONS));
  for (const key of Object.keys(options) as Array<keyof InstallOptions>) {
    const kind = OPTIONS[key];
    const value: unknown = options[key];
    if (value !== undefined && (kind === 'array' ? !Array.isArray(value) : typeof value !== kind)) fail('install()', `\`${key}\` must be ${MUST_BE[kind]}`);
  }
  for (const key of ['plugins', 'adapters'] as const) {
    for (const plugin of options[key] ?? []) {
      // `plugins: [ga4]`: the factory's own `name` would pass for the plugin's and replace a working one.
      if (typeof plugin === 'function') fail('install()', `\`${key}\` holds the plugin factory itself: call it: ${(plugin as { name: string }).name}()`);
      if (!plugin || typeof plugin.name !== 'string' || !plugin.name) fail('install()', `each of \`${key}\` needs a non-empty string \`name\``);
      if (key === 'adapters' && typeof plugin.send !== 'function') fail('install()', 'each adapter needs a `send(event)` function');
    }
  }
}
