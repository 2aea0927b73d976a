// Runs the README's samples as written: one sample, found by its first line, bundled with esbuild
// against the sources (`iadvize-bridge` -> src/), with what the reader's own site provides (an
// auth library, a shop) given by the test as stub modules.
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const ENTRIES: Record<string, string> = {
  'iadvize-bridge': 'src/index.ts',
  'iadvize-bridge/server': 'src/server/index.ts',
  'iadvize-bridge/testing': 'src/testing/index.ts',
};

/** The code of the README's TypeScript sample whose first line contains `firstLine`. */
export function readmeSample(firstLine: string): string {
  const samples = [...readme.matchAll(/^```tsx?\n([\s\S]*?)^```/gm)].map(([, code]) => code!);
  const found = samples.filter((code) => code.split('\n')[0]!.includes(firstLine));
  if (found.length !== 1) throw new Error(`README: ${found.length} samples start with "${firstLine}"`);
  return found[0]!;
}

const resolver = (stubs: Record<string, string>): Plugin => ({
  name: 'readme-sample',
  setup(context) {
    context.onResolve({ filter: /.*/ }, ({ path }) => {
      if (path in ENTRIES) return { path: `${root}${ENTRIES[path]}` };
      if (path in stubs) return { path, namespace: 'stub' };
      return undefined;
    });
    context.onLoad({ filter: /.*/, namespace: 'stub' }, ({ path }) => ({ contents: stubs[path], loader: 'ts' }));
  },
});

/** The sample as one script: `esm` for Node (import the file it is written to), `iife` for a page. */
export async function bundleSample(code: string, format: 'esm' | 'iife', stubs: Record<string, string> = {}): Promise<string> {
  const result = await build({
    stdin: { contents: code, loader: 'ts', resolveDir: root, sourcefile: 'readme-sample.ts' },
    bundle: true,
    format,
    platform: format === 'esm' ? 'node' : 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [resolver(stubs)],
  });
  return result.outputFiles[0]!.text;
}
