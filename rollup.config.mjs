import terser from '@rollup/plugin-terser';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import typescript from '@rollup/plugin-typescript';

const typescriptFor = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    // Declaration maps would point into src/, which is not shipped.
    declarationMap: false,
    // The script-tag builds ship their maps: with the sources inside, as src/ is not shipped.
    inlineSources: !declarations,
    declarationDir: declarations ? 'dist' : undefined,
    outDir: 'dist',
  });

/** Empties dist/ before the first build, so a module moved or removed in src/ is never packed from an old build. */
const clean = () => ({
  name: 'clean',
  buildStart: () => rmSync('dist', { recursive: true, force: true }),
});

/**
 * Prints the Subresource Integrity hash of each script-tag build and keeps it in dist/sri.json
 * (shipped, so a CDN user can read the hash of the very version they load).
 */
const integrity = () => ({
  name: 'integrity',
  writeBundle({ file }) {
    const hash = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
    const list = (() => {
      try {
        return JSON.parse(readFileSync('dist/sri.json', 'utf8'));
      } catch {
        return {};
      }
    })();
    writeFileSync('dist/sri.json', `${JSON.stringify({ ...list, [basename(file)]: hash }, null, 2)}\n`);
    console.log(`${basename(file)} integrity="${hash}"`);
  },
});

// The plugin factories keep their names in the script-tag builds, so `plugins: [IAdvizeBridge.ga4]`
// (the factory, not called) can be told to call `ga4()` rather than a minified `R()`.
/** The shipped analytics tools, read from their one list (the size budgets measure each). */
export const TOOLS = [...readFileSync('src/adapters/tools-by-name.ts', 'utf8').matchAll(/^export \{ (\w+)/gm)].map(([, name]) => name);
const FACTORIES = new RegExp(`^(${[...TOOLS, 'custom', 'webSdk', 'virtualAgent', 'chatLink', 'iadvizeTag', 'boxedTag'].join('|')})$`);

export default [
  {
    input: ['src/index.ts', 'src/boxed/index.ts', 'src/server/index.ts', 'src/testing/index.ts', 'src/react/index.ts', 'src/vue/index.ts'],
    // The framework bindings use the app's own React or Vue.
    external: ['react', 'react/jsx-runtime', 'vue'],
    // One file per source module: bundlers tree-shake them, and the size budgets can name each one.
    // Readable as they are, so no source maps: theirs would point into src/, which is not shipped.
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: '[name].js',
      // Next.js takes the React entry as a client module only if its first statement says so
      // (Rollup drops module-level directives from sources).
      banner: (chunk) => (chunk.fileName === 'react/index.js' ? "'use client';" : ''),
    },
    plugins: [clean(), typescriptFor(true)],
  },
  // Script-tag builds: the default one (core, data attributes, ga4, gtm), the full one, and the boxed tag's relay.
  ...[
    ['src/iife.ts', 'dist/iadvize-bridge.iife.min.js'],
    ['src/iife-full.ts', 'dist/iadvize-bridge.full.iife.min.js'],
    ['src/boxed/iife.ts', 'dist/iadvize-bridge.boxed.iife.min.js', 'IAdvizeBridgeRelay'],
  ].map(([input, file, name = 'IAdvizeBridge']) => ({
    input,
    output: {
      file,
      format: 'iife',
      name,
      sourcemap: true,
      plugins: [
        terser({ compress: { passes: 2, keep_fnames: FACTORIES }, mangle: { keep_fnames: FACTORIES }, format: { comments: false } }),
      ],
    },
    plugins: [typescriptFor(false), integrity()],
  })),
  {
    input: 'src/testing/iife.ts',
    output: { file: 'dist/iadvize-simulator.iife.js', format: 'iife', name: 'IAdvizeSimulator', sourcemap: true, plugins: [terser()] },
    plugins: [typescriptFor(false)],
  },
];
