import { fail } from '../core/errors.js';

/**
 * The channel between a tag boxed in an iframe and the host page: the relay in the iframe and the
 * `boxedTag()` plugin on the host post these to each other (docs/design/boxed-tag.md, "The messages").
 */
export interface ChannelMessage {
  iadvizeBridge: 1;
  kind: 'hello' | 'welcome' | 'callback' | 'dropped' | 'call' | 'answer' | 'provide' | 'provided';
  [field: string]: unknown;
}

/** Whether `data` (a message's, which any frame can send) is one of the channel's, of kind `kind` if given. */
export const isChannelMessage = (data: unknown): data is ChannelMessage =>
  typeof data === 'object' && data !== null && (data as { iadvizeBridge?: unknown }).iadvizeBridge === 1;

export const message = (kind: ChannelMessage['kind'], fields?: object): ChannelMessage => ({ iadvizeBridge: 1, kind, ...fields });

/** Strings longer than this are left out of a copy: no callback of the tag carries one. */
const LONGEST = 65536;

/**
 * A copy of `value` with plain data only (strings, numbers, booleans, null, arrays, objects of those),
 * which structured cloning takes and the other page can read without running anything: functions,
 * symbols, getters that throw and `__proto__` are left out, and so is what lies beyond 10 levels or
 * 2,000 values (a cycle ends there too).
 */
export function dataCopy(value: unknown): unknown {
  let left = 2000;
  const copy = (item: unknown, depth: number): unknown => {
    if (--left < 0 || depth > 10) return undefined;
    const type = typeof item;
    if (item === null || type === 'number' || type === 'boolean' || (type === 'string' && (item as string).length <= LONGEST)) return item;
    if (type !== 'object') return undefined;
    // Sliced first: map visits every index of a sparse array, however few values it holds.
    if (Array.isArray(item)) return item.slice(0, left + 1).map((entry) => copy(entry, depth + 1));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(item as object)) {
      if (key === '__proto__') continue;
      try {
        const entry = copy((item as Record<string, unknown>)[key], depth + 1);
        if (entry !== undefined) out[key] = entry;
      } catch {
        // A getter that throws: left out.
      }
    }
    return out;
  };
  try {
    return copy(value, 0);
  } catch {
    // A proxy that refuses to list its keys.
    return undefined;
  }
}

/**
 * The origin option `name` of `scope`, checked where it is given: `'https://chat.shop.example'`, a
 * scheme and a host (and port), nothing else. `'*'` would hand the chat's events to any page.
 */
export function originOption(scope: string, name: string, value: unknown): string {
  let origin: string | undefined;
  try {
    origin = new URL(String(value)).origin;
  } catch {
    // Not a URL: said below.
  }
  if (value === '*')
    fail(scope, `\`${name}\` cannot be '*': any page could then read the chat's events; give the origin, e.g. 'https://chat.shop.example'`);
  if (typeof value !== 'string' || !origin || !/^https?:\/\//.test(origin) || origin !== value)
    fail(
      scope,
      `\`${name}\` must be an origin, scheme and host only, e.g. 'https://chat.shop.example'${
        origin && /^https?:/.test(origin) ? ` (did you mean '${origin}'?)` : ''
      }, not ${typeof value === 'string' ? `'${value.slice(0, 80)}'` : typeof value}`,
    );
  return value;
}
