import { afterEach, describe, expect, it, vi } from 'vitest';
import { ga4, gtm, install } from '../src/index.js';
import { optionsFromScript } from '../src/script-tag.js';
import { loadTag, newWindow } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('script-tag attributes', () => {
  const factories = { ga4, gtm };
  const read = (attributes: Record<string, string>) => optionsFromScript((name) => attributes[name] ?? null, factories);

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    '"%s ga4" installs ga4 and says the other is unknown',
    (name) => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { adapters } = read({ 'data-analytics': `${name} ga4` });
      expect(adapters.map((adapter) => adapter.name)).toEqual(['ga4']);
      expect(error).toHaveBeenCalledWith(expect.stringContaining(`unknown adapter "${name}"`));
    },
  );

  it('a name listed twice is used once', () => {
    expect(read({ 'data-analytics': 'ga4 gtm ga4,gtm' }).adapters.map((adapter) => adapter.name)).toEqual(['ga4', 'gtm']);
  });

  it.each([
    ['', true],
    ['true', true],
    ['1', true],
    ['yes', true],
    ['YES', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('data-include-ids="%s" means %s', (value, expected) => {
    const sent = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag: sent });
    const options = read({ 'data-analytics': 'ga4', 'data-include-ids': value });
    install({ window: win, adapters: options.adapters });
    loadTag(win, 'late').fire('onChatStarted', { id: 7 });
    expect('chat_id' in (sent.mock.calls[0][2] as object)).toBe(expected);
  });

  it('any other data-include-ids value is a console error and leaves ids off', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const sent = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag: sent });
    install({ window: win, adapters: read({ 'data-analytics': 'ga4', 'data-include-ids': 'sometimes' }).adapters });
    loadTag(win, 'late').fire('onChatStarted', { id: 7 });
    expect(sent.mock.calls[0][2]).not.toHaveProperty('chat_id');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-include-ids="sometimes"'));
  });
});

describe('data-persist', () => {
  it.each([
    [null, true],
    ['', true],
    ['true', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('data-persist=%j keeps the chat record in sessionStorage: %s', (value, persist) => {
    const options = optionsFromScript((name) => (name === 'data-persist' ? value : null), { ga4, gtm });
    expect(options.persist).toBe(persist);
  });
});
