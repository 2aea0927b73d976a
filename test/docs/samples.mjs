// Every TypeScript sample of the README and the guides (docs/**/*.md) compiles under strict
// TypeScript against the sources: each guide's samples are written to test/.doc-samples/<guide>/
// (one module each; a sample whose first line names its file, `// app/iadvize.ts`, is written there,
// so the samples of one guide can import each other) and checked by tsc. Names a sample takes from
// the reader's own site (a session store, a consent tool, a framework's runtime) are declared in
// sites.d.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { docFiles, root, samples } from './files.mjs';

const out = new URL('test/.doc-samples/', `file://${root}`);
const all = samples();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
all.forEach(({ file, lang, code }, i) => {
  const named = /^\/\/ ([\w./-]+\.tsx?)\b/.exec(code)?.[1];
  const dir = `${file.replace(/\.md$/, '')}/`;
  const target = new URL(dir + (named ?? `sample-${String(i + 1).padStart(2, '0')}.${lang}`), out);
  mkdirSync(new URL('.', target), { recursive: true });
  writeFileSync(target, `${code}\nexport {};\n`);
});
const entry = (path) => [`../../src/${path}`];
writeFileSync(
  new URL('tsconfig.json', out),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      types: ['node'],
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      paths: {
        'iadvize-bridge': entry('index.ts'),
        'iadvize-bridge/server': entry('server/index.ts'),
        'iadvize-bridge/testing': entry('testing/index.ts'),
        'iadvize-bridge/react': entry('react/index.ts'),
        'iadvize-bridge/vue': entry('vue/index.ts'),
      },
    },
    include: ['**/*.ts', '**/*.tsx', '../docs/sites.d.ts'],
  }),
);
const counts = docFiles()
  .map((file) => [file, all.filter((sample) => sample.file === file).length])
  .filter(([, n]) => n > 0);
console.log(`Docs: ${all.length} TypeScript samples (${counts.map(([file, n]) => `${file} ${n}`).join(', ')})`);
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', new URL('tsconfig.json', out).pathname], {
  stdio: 'inherit',
});
