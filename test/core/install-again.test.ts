import { describe, expect, it } from 'vitest';
import { install } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/**
 * The README's own scenario: the script tag installs the bridge, then the site's app calls
 * install({ ... }) with its options and gets the same bridge. Options that bridge cannot take must
 * be a clear error or a documented no-op, not silently ignored.
 */
describe('a second install() with options the first bridge was not given', () => {
  it('persist: false is honoured or refused: the chat record (with the visitor id) is not written silently', () => {
    const win = newWindow();
    install({ window: win }); // what the script-tag build does on load
    let refused = false;
    try {
      install({ window: win, persist: false }); // the app, e.g. before storage consent
    } catch {
      refused = true;
    }
    loadTag(win, 'late').fire('onChatStarted', { id: 1, vuid: 'visitor-123' });
    // Observed: no error, and sessionStorage holds {"chat":{"chatId":"1","visitorId":"visitor-123",...}}.
    expect(refused || win.sessionStorage.getItem('iadvize-bridge:chat') === null).toBe(true);
  });

  it('onError is honoured or refused: a listener failure does not go to console.error only', () => {
    const win = newWindow();
    const first = install({ window: win });
    const reported: unknown[] = [];
    let refused = false;
    try {
      install({ window: win, onError: (error) => reported.push(error) });
    } catch {
      refused = true;
    }
    const boom = new Error('listener bug');
    first.on('chat:started', () => {
      throw boom;
    });
    const original = console.error;
    console.error = () => {};
    try {
      loadTag(win, 'late').fire('onChatStarted', { id: 1 });
    } finally {
      console.error = original;
    }
    expect(refused || reported.includes(boom)).toBe(true);
  });
});
