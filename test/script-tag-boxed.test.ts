import { afterEach, describe, expect, it, vi } from 'vitest';
import { boxedTag } from '../src/index.js';
import { BARE_CONSENT, TOOL_CONSENT } from '../src/consent/attribute.js';
import { boxedFromScript } from '../src/script-tag.js';

afterEach(() => vi.restoreAllMocks());

const BOXED = { 'data-boxed-iframe': '#iadvize-box', 'data-boxed-origin': 'https://chat.shop.example' };
const read = (attributes: Record<string, string>, build: 'full' | 'default' = 'full') =>
  boxedFromScript(
    (name) => attributes[name] ?? null,
    build === 'full' ? TOOL_CONSENT : BARE_CONSENT,
    build === 'full' ? boxedTag : undefined,
  );

describe('data-boxed-iframe and data-boxed-origin', () => {
  it('make boxedTag(), with the consent tool of data-consent', () => {
    expect(read(BOXED).map((plugin) => plugin.name)).toEqual(['boxedTag']);
    expect(read({ ...BOXED, 'data-consent': 'tcf', 'data-consent-mode': 'coordinated' })).toHaveLength(1);
  });

  it.each([
    [
      { ...BOXED, 'data-boxed-origin': 'https://chat.shop.example/' },
      /data-boxed-origin must be an origin.*did you mean 'https:\/\/chat.shop.example'/,
    ],
    [{ ...BOXED, 'data-boxed-origin': '*' }, /data-boxed-origin cannot be '\*'/],
    [{ 'data-boxed-iframe': '#iadvize-box' }, /data-boxed-origin must be an origin/],
    [{ ...BOXED, 'data-sid': '1234' }, /data-sid loads the tag into this page.*keep one/],
  ])('%j is said, and the bridge installs without it', (attributes, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(read(attributes)).toEqual([]);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(message));
  });

  it('the default build says the boxed tag needs the full build', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(read(BOXED, 'default')).toEqual([]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-boxed-iframe needs iadvize-bridge.full.iife.min.js'));
  });

  it('data-consent alone, which waits for tag.load() in the page, says a boxed tag needs a consent tool', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(read({ ...BOXED, 'data-consent': '' })).toHaveLength(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-consent with data-boxed-iframe names a consent tool'));
  });
});
