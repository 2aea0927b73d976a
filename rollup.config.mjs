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
    input: 'src/index.ts',
    output: { file: 'dist/iadvize-bridge.js', format: 'es', sourcemap: true },
    plugins: [typescriptFor(true)],
  },
  {
    input: 'src/iife.ts',
    output: {
      file: 'dist/iadvize-bridge.iife.min.js',
      format: 'iife',
      name: 'IAdvizeBridge',
      sourcemap: true,
      plugins: [terser({ compress: { passes: 2 }, format: { comments: false } })],
    },
    plugins: [typescriptFor(false)],
  },
];
