// Every TypeScript sample of the README compiles under strict TypeScript against the sources: the
// samples are written to test/.readme-samples/ (one module each; a sample whose first line names its
// file, `// app/iadvize.ts`, is written there, so samples can import each other) and checked by tsc.
// Names a sample takes from the reader's own site (a session store, a consent tool, a framework's
// runtime) are declared in readme-sites.d.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const out = new URL('test/.readme-samples/', root);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const samples = [...readme.matchAll(/^```(ts|tsx)\n([\s\S]*?)^```/gm)];
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
samples.forEach(([, lang, code], i) => {
  const named = /^\/\/ ([\w./-]+\.tsx?)\b/.exec(code)?.[1];
  const file = new URL(named ?? `sample-${String(i + 1).padStart(2, '0')}.${lang}`, out);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, `${code}\nexport {};\n`);
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
    include: ['**/*.ts', '**/*.tsx', '../readme-sites.d.ts'],
  }),
);
console.log(`README: ${samples.length} TypeScript samples`);
execFileSync(process.execPath, [new URL('node_modules/typescript/bin/tsc', root).pathname, '-p', new URL('tsconfig.json', out).pathname], { stdio: 'inherit' });
