import { expect, it } from 'vitest';
import { install } from '../../src/index.js';
import { newWindow } from '../helpers.js';

/**
 * Each level of a 2021 chain costs the page one stack frame without the bridge and a few with it
 * (the link, the guard): chains as deep as sites write them run whole; a chain of thousands of levels
 * overflows the stack sooner with the bridge (README, "How the registry works"). The overflow is
 * caught by the guard: it never reaches the tag.
 */
function chain(depth: number, withBridge: boolean) {
  const win = newWindow();
  const host = win as unknown as { iAdvizeCallbacks: Record<string, (ctx: unknown) => void> };
  let ran = 0;
  const errors: unknown[] = [];
  host.iAdvizeCallbacks = { onChatStarted: () => void ran++ };
  if (withBridge) install({ window: win, persist: false, onError: (error) => errors.push(error) });
  for (let i = 0; i < depth; i++) {
    const temp = host.iAdvizeCallbacks.onChatStarted || (() => {});
    host.iAdvizeCallbacks.onChatStarted = function (ctx) {
      temp(ctx);
      ran++;
    };
  }
  host.iAdvizeCallbacks.onChatStarted({ id: 1 });
  return { ran, errors: errors.length };
}

it('a 300-level chain runs every function with the bridge as it does without', () => {
  expect(chain(300, false).ran).toBe(301);
  expect(chain(300, true)).toEqual({ ran: 301, errors: 0 });
});

it('a 3,000-level chain that overflows the stack with the bridge throws nothing into the tag', () => {
  expect(chain(3000, false).ran).toBe(3001);
  expect(() => chain(3000, true)).not.toThrow();
});
