// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side rendering', () => {
  it('importing the library touches no browser global', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const module = await import('../src/index.js');
    expect(typeof module.install).toBe('function');
    expect(Object.getOwnPropertySymbols(globalThis).map(String)).not.toContain('Symbol(iadvize-bridge)');
  });

  it('install() without a window says what is missing', async () => {
    const { install } = await import('../src/index.js');
    expect(() => install()).toThrow(/needs a browser window/);
  });
});
