import { fail } from '../core/errors.js';
import { checkKnownOptions } from '../shared/known-options.js';
import { follow, isList } from './follow.js';
import type { ConsentSource, ConsentState } from './source.js';

export interface GoogleConsentModeOptions {
  /** The consent types that must all be granted, e.g. `['analytics_storage']`. */
  types: readonly string[];
}

/** One `gtag('consent', 'default' | 'update', { ... })` as it lands in `dataLayer` (an `arguments` object). */
type Command = { 0?: unknown; 1?: unknown; 2?: Record<string, unknown> & { region?: unknown } };

/**
 * The page's Google Consent Mode state, read (never written) from the `consent` commands in
 * `window.dataLayer`, as Google documents them (https://developers.google.com/tag-platform/security/guides/consent):
 * `default` values, then `update`s, which a later `default` does not undo. A `default` limited to some
 * `region`s counts only for what it denies: the library cannot know the visitor's region.
 * `state()` reads the commands pushed since the last call, so an event is judged on the page's latest
 * command; listeners hear of a change within 500 ms, by polling rather than wrapping `dataLayer.push`,
 * which gtag.js and GTM replace with their own and sites re-create (`dataLayer = []`).
 */
export function googleConsentMode(options: GoogleConsentModeOptions): ConsentSource {
  const scope = 'googleConsentMode()';
  checkKnownOptions(scope, options, ['types']);
  const types: readonly string[] = options.types;
  if (!isList(types) || !types.length || !types.every((type) => typeof type === 'string' && /^[a-z_]+$/.test(type)))
    fail(
      scope,
      `\`types\` must be a non-empty array of consent types, e.g. googleConsentMode({ types: ['analytics_storage'] }); got ${String(types)}`,
    );

  return follow(`googleConsentMode({ types: [${types.join(', ')}] })`, (win, update) => {
    const values: Record<string, unknown> = {};
    const updated = new Set<string>();
    let layer: unknown;
    let read = 0;
    const apply = ({ 1: kind, 2: settings }: Command): void => {
      if ((kind !== 'default' && kind !== 'update') || typeof settings !== 'object' || settings === null) return;
      for (const type of types) {
        const value = settings[type];
        if (value === undefined || (kind === 'default' && (updated.has(type) || (settings.region !== undefined && value !== 'denied'))))
          continue;
        values[type] = value;
        if (kind === 'update') updated.add(type);
      }
    };
    const decide = (): ConsentState =>
      types.some((type) => values[type] !== 'granted' && values[type] !== undefined)
        ? 'denied'
        : types.every((type) => values[type] === 'granted')
          ? 'granted'
          : 'undecided';
    const scan = () =>
      update(() => {
        const current = (win as unknown as { dataLayer?: unknown }).dataLayer;
        if (!Array.isArray(current)) return undefined;
        // A new or emptied dataLayer: read it from the start; what gtag was told before still holds.
        if (current !== layer || current.length < read) [layer, read] = [current, 0];
        while (read < current.length) {
          const entry = current[read++] as Command | null;
          if (typeof entry === 'object' && entry !== null && entry[0] === 'consent') apply(entry);
        }
        return decide();
      });
    const poll = () => {
      scan();
      setTimeout(poll, 500);
    };
    poll();
    return scan;
  });
}
