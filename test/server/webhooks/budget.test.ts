// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { unverifiedBudget } from '../../../src/server/webhooks/budget.js';

type Budget = ReturnType<typeof unverifiedBudget>;

/** A request that `announced` its size entering `budget`, recording whether it was cut, with its own stop signal. */
function entering(budget: Budget, announced: number) {
  const stop = new AbortController();
  const state = { cut: false };
  const entered = budget.enter(announced, () => ((state.cut = true), stop.abort('busy')), stop.signal);
  return { entered, state, stop };
}

/** A holder that entered at once (a place was free). */
function holderOf(budget: Budget, announced = 0) {
  const { entered, ...rest } = entering(budget, announced);
  if (entered instanceof Promise) throw new Error('no place was free');
  return { holder: entered, ...rest };
}

describe('the budget for unverified bytes', () => {
  // The policy in small numbers: no floor under announced sizes (64 KiB by default, tested below).
  it('a request cuts the largest holder when it holds more than twice what the request would then hold', () => {
    const budget = unverifiedBudget(100, undefined, 0);
    const [a, b, c] = [holderOf(budget), holderOf(budget), holderOf(budget)];
    expect([a.holder.take(60), b.holder.take(30), c.holder.take(20)]).toEqual([true, true, true]);
    expect([a.state.cut, b.state.cut, c.state.cut]).toEqual([true, false, false]);
  });

  it('one of like size waits for room instead, and gets it when a holder is done', async () => {
    const budget = unverifiedBudget(100);
    const [a, b, c] = [holderOf(budget), holderOf(budget), holderOf(budget)];
    void a.holder.take(50); // fits: true at once, not a promise
    void b.holder.take(50);
    const waiting = c.holder.take(40);
    expect(waiting).toBeInstanceOf(Promise);
    a.holder.free();
    expect([await waiting, a.state.cut, b.state.cut]).toEqual([true, false, false]);
    expect(b.holder.take(11)).toBeInstanceOf(Promise); // 50 + 40 + 11 > 100
  });

  it('a wait ends false when its request stops (the body deadline), and frees nothing it did not hold', async () => {
    const budget = unverifiedBudget(100);
    const [a, b] = [holderOf(budget), holderOf(budget)];
    void a.holder.take(100); // fits: true at once, not a promise
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

  it('equals never cut each other, even the first chunk of a newcomer: they wait', () => {
    const budget = unverifiedBudget(100);
    const [a, b] = [holderOf(budget, 1000), holderOf(budget, 1000)];
    expect([a.holder.take(60), b.holder.take(30)]).toEqual([true, true]);
    expect(holderOf(budget, 1000).holder.take(20)).toBeInstanceOf(Promise);
    expect([a.state.cut, b.state.cut]).toEqual([false, false]);
  });
});

describe('places to read a body', () => {
  it('past maxReaders a request is not read: it waits for a place, the first in line first', async () => {
    const budget = unverifiedBudget(1000, 2);
    const [a] = [holderOf(budget, 500), holderOf(budget, 500)];
    const [c, d] = [entering(budget, 500), entering(budget, 500)];
    expect([c.entered, d.entered].map((entered) => entered instanceof Promise)).toEqual([true, true]);
    a.holder.free();
    expect(await c.entered).toBeTruthy();
    d.stop.abort('timeout');
    expect(await d.entered).toBeUndefined();
  });

  it('a small delivery waiting for a place cuts the largest reader once it holds more than twice its size, its waiting chunk included', async () => {
    const budget = unverifiedBudget(100, 2, 0);
    const [a, b] = [holderOf(budget, 1000), holderOf(budget, 1000)];
    expect([a.holder.take(30), b.holder.take(30)]).toEqual([true, true]); // 30 <= 2 x 20: no cut yet
    const small = entering(budget, 20);
    expect(small.entered).toBeInstanceOf(Promise);
    void a.holder.take(45); // waits for room: 30 held + 45 waiting > 2 x 20
    expect(await small.entered).toBeTruthy();
    expect([a.state.cut, b.state.cut, small.state.cut]).toEqual([true, false, false]);
  });

  it('one that announces a large body never cuts a reader to get a place', () => {
    const budget = unverifiedBudget(100, 1);
    const a = holderOf(budget, 1000);
    void a.holder.take(100); // fits: true at once, not a promise
    expect(entering(budget, 1000).entered).toBeInstanceOf(Promise);
    expect(a.state.cut).toBe(false);
  });

  it('a sender announcing 1 byte cannot cut a delivery, nor pass before it for a place (64 KiB floor)', async () => {
    const budget = unverifiedBudget(8 * 1024 * 1024, 2);
    const [delivery, flood] = [holderOf(budget, 770), holderOf(budget, 1)];
    expect(delivery.holder.take(770)).toBe(true);
    const tiny = entering(budget, 1);
    const next = entering(budget, 770);
    expect([tiny.entered, next.entered].every((entered) => entered instanceof Promise)).toBe(true);
    expect([delivery.state.cut, flood.state.cut]).toEqual([false, false]);
    flood.holder.free();
    // First come, first served below the floor: the tiny one was first.
    expect(await tiny.entered).toBeTruthy();
    delivery.holder.free();
    expect(await next.entered).toBeTruthy();
    expect(delivery.state.cut).toBe(false);
  });
});
