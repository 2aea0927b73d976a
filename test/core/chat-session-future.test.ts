import { describe, expect, it } from 'vitest';
import { install } from '../../src/index.js';

import { newWindow } from '../helpers.js';

describe('the stored chat record', () => {
  it('a record saved "in the future" (clock set back, or written by another script) is not taken as fresh forever', () => {
    const win = newWindow();
    const now = Date.now();
    const chat = { active: true, chatId: '7', messagesSent: 0, messagesReceived: 0, startedAt: now - 1000 };
    win.sessionStorage.setItem('iadvize-bridge:chat', JSON.stringify({ v: 1, savedAt: 1e308, chat }));
    const bridge = install({ window: win });
    // Observed: the record is taken (active chat 7): `now - savedAt < TTL` holds for any savedAt >= now.
    expect(bridge.state.chat.active).toBe(false);
  });
});
