import { describe, expect, it } from 'vitest';
import { install } from '../../src/index.js';
import { EMPTY_STATE } from '../../src/shared/binding.js';
import { newWindow } from '../helpers.js';

function frozenThrough(value: unknown): boolean {
  return value === null || typeof value !== 'object' || (Object.isFrozen(value) && Object.values(value).every(frozenThrough));
}

describe('EMPTY_STATE (what the bindings render on the server)', () => {
  it('is what a fresh bridge’s state is, with or without the tab’s storage', () => {
    expect(install({ window: newWindow() }).state).toStrictEqual(EMPTY_STATE);
    expect(install({ window: newWindow(), persist: false }).state).toStrictEqual(EMPTY_STATE);
  });

  it('is frozen all the way down, like every state', () => {
    expect(frozenThrough(EMPTY_STATE)).toBe(true);
  });
});
