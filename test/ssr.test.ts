// @vitest-environment node
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('server-side rendering', () => {
  it('importing the library touches no browser global', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const module = await import('../src/index.js');
    expect(typeof module.install).toBe('function');
    expect(Object.getOwnPropertySymbols(globalThis).map(String)).not.toContain('Symbol(iadvize-bridge)');
  });

  it('consent sources are made in a server render, and so are adapters given one', async () => {
    const { tcf, googleConsentMode, didomi, oneTrust, axeptio, cookiebot, ga4 } = await import('../src/index.js');
    const sources = [
      tcf(),
      googleConsentMode({ types: ['analytics_storage'] }),
      didomi({ vendor: 'c:iadvize' }),
      oneTrust({ group: 'C0003' }),
      axeptio({ vendor: 'iadvize' }),
      cookiebot({ category: 'statistics' }),
    ];
    expect(sources.map((source) => source.consentSource)).toEqual([true, true, true, true, true, true]);
    expect(ga4({ consent: sources[0] }).name).toBe('ga4');
  });

  it('install() without a window says what is missing', async () => {
    const { install } = await import('../src/index.js');
    expect(() => install()).toThrow(/needs a browser window/);
  });
});

describe('the framework bindings are opt-in', () => {
  it('the root entry imports neither React nor Vue, so an app without them never needs them', async () => {
    const result = await build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      logLevel: 'silent',
      absWorkingDir: new URL('..', import.meta.url).pathname,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /node_modules|\/(react|vue)\//.test(path))).toEqual([]);
    expect(inputs.length).toBeGreaterThan(20);
    expect(Object.values(result.metafile.outputs).flatMap((output) => output.imports)).toEqual([]);
  });
});
