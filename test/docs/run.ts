// Runs the docs' samples as written: one sample of the README or a guide, found by its first line,
// bundled with esbuild against the sources (`iadvize-bridge` -> src/), with what the reader's own
// site provides (an auth library, a shop) given by the test as stub modules.
import { build, type Plugin } from 'esbuild';
import { root, samples } from './files.mjs';

const ENTRIES: Record<string, string> = {
  'iadvize-bridge': 'src/index.ts',
  'iadvize-bridge/server': 'src/server/index.ts',
  'iadvize-bridge/testing': 'src/testing/index.ts',
};

/** The code of the docs' TypeScript sample whose first line contains `firstLine` (one in all the docs). */
export function docSample(firstLine: string): string {
  const found = samples().filter(({ code }) => code.split('\n')[0].includes(firstLine));
  if (found.length !== 1) throw new Error(`docs: ${found.length} samples start with "${firstLine}"`);
  return found[0].code;
}

const resolver = (stubs: Record<string, string>): Plugin => ({
  name: 'doc-sample',
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
    stdin: { contents: code, loader: 'ts', resolveDir: root, sourcefile: 'doc-sample.ts' },
    bundle: true,
    format,
    platform: format === 'esm' ? 'node' : 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [resolver(stubs)],
  });
  return result.outputFiles[0].text;
}
