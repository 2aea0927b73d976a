import { fail } from '../core/errors.js';
import { checkKnownOptions } from '../shared/known-options.js';
import { follow, isList } from './follow.js';
import type { ConsentSource } from './source.js';

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
    fail(scope, "`types` must be consent types, e.g. ['analytics_storage']");

  return follow(scope, { types }, (win, update) => {
    // What `default` and `update` commands said, kept apart: a later `default` does not undo an `update`.
    const given: [Record<string, unknown>, Record<string, unknown>] = [{}, {}];
    let layer: unknown;
    let read = 0;
    const scan = () =>
      update(() => {
        const current = (win as unknown as { dataLayer?: unknown }).dataLayer;
        if (!isList(current)) return undefined;
        // A new or emptied dataLayer: read it from the start; what gtag was told before still holds.
        if (current !== layer || current.length < read) [layer, read] = [current, 0];
        while (read < current.length) {
          const command = current[read++] as Command | null | undefined;
          const isUpdate = command?.[1] === 'update';
          if (command?.[0] !== 'consent' || (!isUpdate && command[1] !== 'default')) continue;
          // Settings that are not an object throw here: undecided.
          for (const type of types) {
            const value = command[2]![type];
            if (value !== undefined && (isUpdate || command[2]!.region === undefined || value === 'denied')) given[+isUpdate][type] = value;
          }
        }
        const values = types.map((type) => given[1][type] ?? given[0][type]);
        return values.every((value) => value === 'granted')
          ? 'granted'
          : values.some((value) => value && value !== 'granted')
            ? 'denied'
            : 'undecided';
      });
    const poll = () => {
      scan();
      setTimeout(poll, 500);
    };
    poll();
    return scan;
  });
}
