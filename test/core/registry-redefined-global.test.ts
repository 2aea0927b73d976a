import { describe, expect, it, vi } from 'vitest';

import { listenTo, newWindow } from '../helpers.js';

/**
 * `Object.defineProperty(window, 'iAdvizeCallbacks', ...)` after install: a tag that looks the global up
 * at each event no longer reaches the bridge. Nothing on the event path can tell, so the bridge checks
 * now and then, and says it once.
 */
type Host = { iAdvizeCallbacks: unknown };

describe('window.iAdvizeCallbacks redefined with Object.defineProperty after install', () => {
  /** A page whose timers are Vitest's fake ones (happy-dom's own timers do not follow them). */
  const newTimedWindow = () => Object.assign(newWindow(), { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout });

  it('is noticed within seconds and reported once (onError), whatever the tag does', async () => {
    vi.useFakeTimers();
    try {
      const win = newTimedWindow();
      const onError = vi.fn();
      listenTo(win, onError);
      Object.defineProperty(win, 'iAdvizeCallbacks', { value: { onChatStarted() {} }, writable: true, configurable: true });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringContaining('window.iAdvizeCallbacks was redefined:') }),
        { source: 'callback', type: 'iAdvizeCallbacks' },
      );
      await vi.advanceTimersByTimeAsync(600_000);
      expect(onError).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without onError, one console line; a getter that still gives the bridge object is no loss and says nothing', async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const lost = newTimedWindow();
      listenTo(lost);
      Object.defineProperty(lost, 'iAdvizeCallbacks', { value: {}, configurable: true });
      const wrapped = newTimedWindow();
      listenTo(wrapped);
      const bridgeObject = (wrapped as unknown as Host).iAdvizeCallbacks;
      Object.defineProperty(wrapped, 'iAdvizeCallbacks', { get: () => bridgeObject, configurable: true });
      await vi.advanceTimersByTimeAsync(120_000);
      expect(error).toHaveBeenCalledTimes(1);
      expect(error).toHaveBeenCalledWith(
        expect.stringContaining('[iadvize-bridge]'),
        expect.objectContaining({ message: expect.stringContaining('was redefined') }),
      );
    } finally {
      vi.useRealTimers();
      error.mockRestore();
    }
  });

  it('a destroyed bridge watches nothing', async () => {
    vi.useFakeTimers();
    try {
      const win = newTimedWindow();
      const onError = vi.fn();
      listenTo(win, onError).bridge.destroy();
      Object.defineProperty(win, 'iAdvizeCallbacks', { value: {}, configurable: true });
      await vi.advanceTimersByTimeAsync(120_000);
      expect(onError).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
