import { fail } from '../core/errors.js';
/**
 * An option the factory does not know is a mistake (a typo, another factory's option, a name from an
 * older version): left alone, it would be ignored and the feature would quietly not do what was
 * asked. Shared by the browser and the server entries, so every factory says it the same way.
 */

/** Edits (insert, delete, replace) from `a` to `b`: Levenshtein's distance, one row at a time. */
function distance(a: string, b: string): number {
  let row = [...Array(b.length + 1).keys()];
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j++) next.push(Math.min(row[j + 1] + 1, next[j] + 1, row[j] + +(a[i] !== b[j])));
    row = next;
  }
  return row[b.length];
}

/** The known name `key` most likely meant: the same name in another case first, else the nearest within 2 edits. */
export function nearestName(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let least = 3;
  for (const name of known) {
    const edits = distance(key.toLowerCase(), name.toLowerCase());
    if (edits < least) {
      best = name;
      least = edits;
    }
  }
  return best;
}

/**
 * Throws a `TypeError` naming the first key of `options` that is not in `known`, and the known name
 * it most likely meant: "iadvize-bridge createHistoryHandler(): unknown option `requireVisitorID`:
 * did you mean `requireVisitorId`?". `scope` is the factory as the user called it (`'ga4()'`).
 * @example
 * checkKnownOptions('gtm()', options, ['id', 'events', 'dataLayerName'])
 */
export function checkKnownOptions(scope: string, options: unknown, known: readonly string[]): void {
  // An array, a Map or a Date has no options to read: every one would be silently missing.
  const kind = Object.prototype.toString.call(options).slice(8, -1);
  if (kind !== 'Object') fail(scope, `takes an options object ({ ... }), got ${kind}`);
  // Inherited keys too (Object.create({ Debug: true })), save what a script added to every object.
  for (const key in options as object) {
    if (known.indexOf(key) >= 0 || (!Object.prototype.hasOwnProperty.call(options, key) && key in Object.prototype)) continue;
    const near = nearestName(key, known);
    fail(scope, `unknown option \`${key}\`${near ? `: did you mean \`${near}\`?` : ` (known: ${known.join(', ') || 'none'})`}`);
  }
}
