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
  if (options && 'followNavigation' in options) fail('install()', 'unknown option `followNavigation`: use webSdk({ followNavigation })');
  checkKnownOptions('install()', options, Object.keys(OPTIONS));
  for (const key of Object.keys(OPTIONS)) {
    const kind = OPTIONS[key as keyof InstallOptions];
    const value: unknown = options[key as keyof InstallOptions];
    if (value !== undefined && (kind === 'array' ? !Array.isArray(value) : typeof value !== kind))
      fail('install()', `\`${key}\` must be ${MUST_BE[kind]}`);
  }
  // `{}` would install on nothing the tag ever calls: a window has a location.
  if (options.window && typeof options.window.location !== 'object')
    fail('install()', '`window` must be a browser window, with its `location`');
  for (const key of ['plugins', 'adapters'] as const) {
    for (const plugin of options[key] ?? []) checkPlugin(plugin, key === 'adapters');
  }
}

/** A plugin is an object; a factory passed without calling it (`ga4`) is the commonest slip. `scope`: where it was passed (`'use()'`). */
export function checkPlugin(plugin: unknown, adapter = false, scope = 'plugin'): void {
  // `plugins: [ga4]`: the factory's own `name` would pass for the plugin's and replace a working one.
  if (typeof plugin === 'function') {
    const name = plugin.name || 'factory';
    fail(scope, `a plugin factory must be called: write ${name}() not ${name}`);
  }
  if (!plugin || typeof plugin !== 'object') fail(scope, `a plugin is an object with a \`name\`, got ${String(plugin)}`);
  if (adapter && typeof (plugin as { send?: unknown }).send !== 'function') fail(scope, 'each adapter needs a `send(event)` function');
}
