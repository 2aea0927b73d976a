import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOOL_CONSENT } from '../src/consent/attribute.js';
import { tagFromScript } from '../src/script-tag.js';

/** The host's script tag: a boxed attribute on its own, or the iframe's attribute on the host's script, is a mistake said where it is written. */
afterEach(() => vi.restoreAllMocks());

describe('boxed attributes on the host script tag', () => {
  it.each([
    [{ 'data-boxed-origin': 'https://chat.shop.example' }, /data-boxed-iframe/],
    [{ 'data-host-origin': 'https://www.shop.example' }, /data-host-origin/],
  ])('%o alone is said, not ignored', (attributes, named) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    tagFromScript((name) => (attributes as Record<string, string>)[name] ?? null, TOOL_CONSENT);
    expect([...error.mock.calls, ...warn.mock.calls].map((call) => String(call[0])).join('\n')).toMatch(named);
  });
});
