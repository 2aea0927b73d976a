/** A JSON value as it may reach the site's code: plain objects and arrays, nothing inherited. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/** iAdvize's payloads are two levels deep; a deeper body is refused rather than walked. */
const MAX_DEPTH = 16;

// Keys that would reach an object's prototype once the site copies the event with Object.assign or a merge.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A copy of a parsed JSON value without `__proto__`, `constructor` and `prototype` keys, or undefined
 * when it nests deeper than `MAX_DEPTH` (V8 parses any depth, but the site's own recursive code would not).
 */
export function plainCopy(value: unknown, depth = 0): PlainValue | undefined {
  if (value === null || typeof value !== 'object') return value as PlainValue;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    const items: PlainValue[] = [];
    for (const item of value) {
      const copy = plainCopy(item, depth + 1);
      if (copy === undefined) return undefined;
      items.push(copy);
    }
    return items;
  }
  const copy: { [key: string]: PlainValue } = {};
  for (const key of Object.keys(value)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const item = plainCopy((value as Record<string, unknown>)[key], depth + 1);
    if (item === undefined) return undefined;
    copy[key] = item;
  }
  return copy;
}

const ARRAY_KEY = /^([^[\]]+)\[(\d*)\]$/;

/**
 * An `application/x-www-form-urlencoded` body as fields: `a=1` is `"1"`, `a[]=1&a[]=2` and `a[0]=1`
 * are lists. A name given twice without brackets is ambiguous: undefined, and the caller refuses the body.
 */
export function formFields(body: string): { [key: string]: PlainValue } | undefined {
  const fields: { [key: string]: PlainValue } = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const list = ARRAY_KEY.exec(name);
    const key = list ? list[1] : name;
    if (UNSAFE_KEYS.has(key)) continue;
    const existing = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (!list) {
      if (existing !== undefined) return undefined;
      fields[key] = value;
    } else if (existing === undefined) fields[key] = [value];
    else if (Array.isArray(existing)) existing.push(value);
    else return undefined;
  }
  return fields;
}
