import { describe, expect, it } from 'vitest';
import { dataCopy, originOption } from '../../src/shared/boxed-channel.js';

/**
 * dataCopy reads what the other page sent (the host: each relayed callback; the relay: the host's
 * call arguments). Hostile shapes must cost little and copy nothing that runs.
 */
describe('dataCopy with hostile data', () => {
  // Array.prototype.map visits every index of a sparse array. new Array(2 ** 32 - 1) costs nothing to
  // post (structured cloning keeps it sparse: 0 ms in Node 20) and its map held Node 20 for 176 s
  // (node -e "structuredClone({ a: new Array(2 ** 32 - 1) }).a.map((x) => x)"). Reads are counted, not timed.
  it('a sparse array of 1,000,000 holes is read at most 2,000 times (its 2,000-value bound)', () => {
    let reads = 0;
    const sparse = new Proxy(new Array(1_000_000), { has: (target, key) => (reads++, Reflect.has(target, key)) });
    dataCopy({ messages: sparse });
    expect(reads).toBeLessThanOrEqual(2000);
  });

  it('a dense array of 100,000 numbers keeps at most 2,000 values (pin)', () => {
    const copied = dataCopy(Array.from({ length: 100_000 }, (_, i) => i)) as unknown[];
    expect(copied.filter((entry) => entry !== undefined).length).toBeLessThanOrEqual(2000);
  });

  it('getters that throw, proxies that refuse their keys, __proto__ and functions are left out; nothing is thrown (pin)', () => {
    const hostile = {
      get boom(): never {
        throw new Error('getter');
      },
      run: () => 1,
      ['__proto__']: { polluted: true },
      nested: new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('no keys');
          },
        },
      ),
      kept: 'yes',
    };
    Object.defineProperty(hostile, '__proto__', { value: { polluted: true }, enumerable: true });
    expect(() => dataCopy(hostile)).not.toThrow();
    const copied = dataCopy({ kept: 'yes', inner: hostile }) as Record<string, unknown>;
    expect(copied.kept).toBe('yes');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(copied)).not.toContain('polluted');
  });

  it('a cycle and 10,000 levels of nesting end, and the copy structured-clones (pin)', () => {
    const cycle: Record<string, unknown> = { name: 'a' };
    cycle.self = cycle;
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 10_000; i++) deep = deep.next = {};
    expect(() => structuredClone(dataCopy({ cycle, top }))).not.toThrow();
  });
});

describe('originOption (pins)', () => {
  it.each([
    ['https://chat.shop.example/', "did you mean 'https://chat.shop.example'?"],
    ['https://chat.shop.example/box.html?x=1', "did you mean 'https://chat.shop.example'?"],
    ['HTTPS://Chat.Shop.Example', "did you mean 'https://chat.shop.example'?"],
    ['https://chat.shop.example:443', "did you mean 'https://chat.shop.example'?"],
    ['*', "cannot be '*'"],
    ['null', 'must be an origin'],
    ['javascript:alert(1)', 'must be an origin'],
  ])('%s is refused, naming the fix', (value, fix) => {
    expect(() => originOption('relayToHost()', 'hostOrigin', value)).toThrow(fix);
  });
});
