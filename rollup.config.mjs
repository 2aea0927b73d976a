import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const typescriptFor = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    declarationMap: declarations,
    declarationDir: declarations ? 'dist' : undefined,
    outDir: 'dist',
  });

export default [
  {
    input: ['src/index.ts', 'src/server/index.ts', 'src/testing/index.ts', 'src/react/index.ts', 'src/vue/index.ts'],
    // The framework bindings use the app's own React or Vue.
    external: ['react', 'react/jsx-runtime', 'vue'],
    // One file per source module: bundlers tree-shake them, and the size budgets can name each one.
    output: { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    plugins: [typescriptFor(true)],
  },
  // Script-tag builds: the default one (core, data attributes, ga4, gtm) and the full one.
  ...[
    ['src/iife.ts', 'dist/iadvize-bridge.iife.min.js'],
    ['src/iife-full.ts', 'dist/iadvize-bridge.full.iife.min.js'],
  ].map(([input, file]) => ({
    input,
    output: {
      file,
      format: 'iife',
      name: 'IAdvizeBridge',
      sourcemap: true,
      plugins: [terser({ compress: { passes: 2 }, format: { comments: false } })],
    },
    plugins: [typescriptFor(false)],
  })),
  {
    input: 'src/testing/iife.ts',
    output: { file: 'dist/iadvize-simulator.iife.js', format: 'iife', name: 'IAdvizeSimulator', sourcemap: true, plugins: [terser()] },
    plugins: [typescriptFor(false)],
  },
];
