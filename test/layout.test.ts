// @vitest-environment node
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Tests mirror src/: the tests of src/core/registry.ts are test/core/registry.test.ts, and an aspect
// of it that needs a file of its own is test/core/registry-<aspect>.test.ts, beside it.
const root = fileURLToPath(new URL('..', import.meta.url));

/** Tests of no one source file, each with why. */
const CROSS_CUTTING: Record<string, string> = {
  'test/layout.test.ts': 'this test: the layout of test/ itself',
  'test/ssr.test.ts': 'every entry point imported in Node, as a server render does',
  'test/docs/': 'the README and the guides against the code: samples compiled and run, tables, links, the CHANGELOG',
};

function filesUnder(dir: string): string[] {
  return readdirSync(`${root}${dir}`, { recursive: true, encoding: 'utf8' }).map((path) => `${dir}/${path}`);
}

/** The source file a test path names: `test/<folder>/<name>[-<aspect>].test.ts(x)` for `src/<folder>/<name>.ts(x)`. */
function sourceOf(test: string, sources: ReadonlySet<string>): string | undefined {
  const match = /^test\/(.*?)([^/]+)\.test\.tsx?$/.exec(test);
  if (!match) return undefined;
  const [, folder, name] = match as unknown as [string, string, string];
  const parts = name.split('-');
  for (let i = parts.length; i > 0; i--) {
    const base = `src/${folder}${parts.slice(0, i).join('-')}`;
    const found = [`${base}.ts`, `${base}.tsx`].find((path) => sources.has(path));
    if (found) return found;
  }
  return undefined;
}

describe('the tests mirror src/', () => {
  it('every test file sits at the path of the source file it tests', () => {
    const sources = new Set(filesUnder('src'));
    const tests = filesUnder('test').filter((path) => /\.test\.tsx?$/.test(path));
    const exempt = (test: string) =>
      Object.keys(CROSS_CUTTING).some((path) => (path.endsWith('/') ? test.startsWith(path) : test === path));
    expect(tests.length).toBeGreaterThan(40);
    expect(tests.filter((test) => !exempt(test) && !sourceOf(test, sources))).toEqual([]);
  });

  it('reads a test path as its source file, an aspect included', () => {
    const sources = new Set(['src/core/registry.ts', 'src/core/chat-session.ts', 'src/plugins/web-sdk/web-sdk.ts', 'src/react/index.ts']);
    expect(sourceOf('test/core/registry.test.ts', sources)).toBe('src/core/registry.ts');
    expect(sourceOf('test/core/registry-chain-depth.test.ts', sources)).toBe('src/core/registry.ts');
    expect(sourceOf('test/core/chat-session-future.test.ts', sources)).toBe('src/core/chat-session.ts');
    expect(sourceOf('test/plugins/web-sdk/web-sdk-after-destroy.test.ts', sources)).toBe('src/plugins/web-sdk/web-sdk.ts');
    expect(sourceOf('test/react/index-ssr.test.tsx', sources)).toBe('src/react/index.ts');
    // A test in another folder than its source, or named for no source, has none.
    expect(sourceOf('test/plugins/web-sdk.test.ts', sources)).toBeUndefined();
    expect(sourceOf('test/core/registrar.test.ts', sources)).toBeUndefined();
    expect(sourceOf('test/core/fuzz.test.ts', sources)).toBeUndefined();
  });

  it('lists only cross-cutting tests that exist', () => {
    const tests = new Set(filesUnder('test'));
    expect(Object.keys(CROSS_CUTTING).filter((path) => !path.endsWith('/') && !tests.has(path))).toEqual([]);
  });
});
