import { describe, expect, it } from 'vitest';
import { dataCopy, originOption } from '../../src/shared/boxed-channel.js';

describe('dataCopy(): what crosses between the two pages', () => {
  it('keeps plain data and leaves out functions, symbols and undefined', () => {
    const copy = dataCopy({ chatId: 1, text: 'hi', ok: true, none: null, list: [1, 'a'], fn: () => 1, sym: Symbol('s'), gone: undefined });
    expect(copy).toEqual({ chatId: 1, text: 'hi', ok: true, none: null, list: [1, 'a'] });
    expect(() => structuredClone(copy)).not.toThrow();
  });

  it('survives hostile values: getters that throw, proxies that refuse, cycles, depth, huge strings, __proto__', () => {
    const throwing = Object.defineProperty({ kept: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const refusing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 50; i++) deep = deep.next = {};
    const polluting = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;

    expect(dataCopy(throwing)).toEqual({ kept: 1 });
    expect(dataCopy(refusing)).toBeUndefined();
    expect(() => structuredClone(dataCopy(cycle))).not.toThrow();
    expect(JSON.stringify(dataCopy(top)).split('next').length - 1).toBeLessThanOrEqual(10);
    expect(dataCopy({ text: 'x'.repeat(70_000) })).toEqual({});
    expect(dataCopy(polluting)).toEqual({ a: 1 });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('stops at 2,000 values, so a huge object costs a bounded copy', () => {
    const huge = Array.from({ length: 100_000 }, (_, i) => i);
    expect((dataCopy(huge) as unknown[]).filter((value) => value !== undefined)).toHaveLength(1999);
  });
});

describe('originOption()', () => {
  it('takes an origin as the browser writes it', () => {
    expect(originOption('x()', 'origin', 'https://chat.shop.example')).toBe('https://chat.shop.example');
    expect(originOption('x()', 'origin', 'http://localhost:8080')).toBe('http://localhost:8080');
  });

  it.each([
    ['*', /cannot be '\*'/],
    ['https://chat.shop.example/', /did you mean 'https:\/\/chat.shop.example'/],
    ['chat.shop.example', /must be an origin/],
    ['javascript:alert(1)', /must be an origin/],
    ['https://chat.shop.example:443', /did you mean 'https:\/\/chat.shop.example'/],
    [42, /not number/],
  ])('refuses %j', (value, message) => {
    expect(() => originOption('x()', 'origin', value)).toThrow(message);
  });
});
