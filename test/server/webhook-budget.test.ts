// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { unverifiedBudget } from '../../src/server/webhook-budget.js';

/** A holder of `budget` that records whether it was cut, with its own stop signal. */
function holderOf(budget: ReturnType<typeof unverifiedBudget>) {
  const stop = new AbortController();
  const state = { cut: false };
  const holder = budget.holder(() => ((state.cut = true), stop.abort('busy')), stop.signal);
  return { holder, state, stop };
}

describe('the budget for unverified bytes', () => {
  it('a request cuts the largest holder when it holds more than twice what the request would then hold', () => {
    const budget = unverifiedBudget(100);
    const [a, b, c] = [holderOf(budget), holderOf(budget), holderOf(budget)];
    expect([a.holder.take(60), b.holder.take(30), c.holder.take(20)]).toEqual([true, true, true]);
    expect([a.state.cut, b.state.cut, c.state.cut]).toEqual([true, false, false]);
  });

  it('one of like size waits for room instead, and gets it when a holder is done', async () => {
    const budget = unverifiedBudget(100);
    const [a, b, c] = [holderOf(budget), holderOf(budget), holderOf(budget)];
    a.holder.take(50);
    b.holder.take(50);
    const waiting = c.holder.take(40);
    expect(waiting).toBeInstanceOf(Promise);
    a.holder.free();
    expect([await waiting, a.state.cut, b.state.cut]).toEqual([true, false, false]);
    expect(b.holder.take(11)).toBeInstanceOf(Promise); // 50 + 40 + 11 > 100
  });

  it('a wait ends false when its request stops (the body deadline), and frees nothing it did not hold', async () => {
    const budget = unverifiedBudget(100);
    const [a, b] = [holderOf(budget), holderOf(budget)];
    a.holder.take(100);
    const waiting = b.holder.take(60);
    b.stop.abort('timeout');
    expect(await waiting).toBe(false);
    b.holder.free();
    a.holder.free();
    expect(holderOf(budget).holder.take(100)).toBe(true);
  });

  it('more than the whole budget at once is refused', () => {
    expect(holderOf(unverifiedBudget(100)).holder.take(101)).toBe(false);
  });
});
