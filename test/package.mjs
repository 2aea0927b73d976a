// What `npm pack` ships, checked after the build by `npm test`: every entry point and its types, the
// script-tag builds with their maps and integrity hashes, the docs; never sources, tests, the demo,
// the benchmarks. What it says about itself is true: each source map it names is in it, the React
// entry is a client module, the full script-tag build has every plugin, and `engines` claims no
// Node that lacks what the server code uses.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkEngines } from './package-engines.mjs';
import { scriptTagExports } from './package-script-tag.mjs';

const root = new URL('..', import.meta.url).pathname;
const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
);
const files = pack.files.map((file) => file.path);
const text = (file) => readFileSync(join(root, file), 'utf8');
const problems = [];
const required = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/server/index.js',
  'dist/server/index.d.ts',
  'dist/testing/index.js',
  'dist/testing/index.d.ts',
  'dist/iadvize-bridge.iife.min.js',
  'dist/iadvize-bridge.iife.min.js.map',
  'dist/iadvize-bridge.full.iife.min.js',
  'dist/iadvize-bridge.full.iife.min.js.map',
  'dist/iadvize-bridge.boxed.iife.min.js',
  'dist/iadvize-bridge.boxed.iife.min.js.map',
  'dist/boxed/index.js',
  'dist/boxed/index.d.ts',
  'dist/iadvize-simulator.iife.js',
  'dist/sri.json',
];
for (const file of required) if (!files.includes(file)) problems.push(`missing ${file}`);
// The script-tag entries have no ESM module: their declarations would describe nothing a user imports.
const forbidden = [
  /^src\//,
  /^test\//,
  /^e2e\//,
  /^demo\//,
  /^bench\//,
  /^\.ci\//,
  /\.tgz$/,
  /^dist\/(testing\/|boxed\/)?(iife|iife-full|script-tag)\.d\.ts$/,
];
for (const file of files) if (forbidden.some((pattern) => pattern.test(file))) problems.push(`should not ship ${file}`);

// A map named but not shipped: bundlers and dev servers (Vite) try to read it, and print a stack trace.
for (const file of files.filter((name) => /\.(m?js|ts)$/.test(name))) {
  for (const [, target] of text(file).matchAll(/[#@] sourceMappingURL=(\S+)/g)) {
    const map = join(dirname(file), target);
    if (!target.startsWith('data:') && !files.includes(map)) problems.push(`${file} names ${target}, which is not shipped`);
  }
}

// A shipped map's sources are shipped too, or carried inside it (sourcesContent).
for (const file of files.filter((name) => name.endsWith('.map'))) {
  const map = JSON.parse(text(file));
  map.sources.forEach((source, i) => {
    if (typeof map.sourcesContent?.[i] !== 'string' && !files.includes(join(dirname(file), source)))
      problems.push(`${file}: source ${source} is neither shipped nor in the map`);
  });
}

// Next.js (App Router) takes the React entry as a client module only if its first statement says so.
const reactEntry = text('dist/react/index.js').replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
if (!/^(['"])use client\1/.test(reactEntry)) problems.push("dist/react/index.js: 'use client' is not its first statement");

// The full script-tag build offers every plugin and adapter factory of the npm package (and all the default build has).
const { full, standard, factories } = await scriptTagExports(root);
for (const name of [...factories, ...standard]) if (!full.includes(name)) problems.push(`the full script-tag build lacks ${name}`);

problems.push(...checkEngines(root, JSON.parse(text('package.json')), files));

console.log(
  `npm pack: ${files.length} files, ${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${(pack.size / 1024).toFixed(1)} KiB packed`,
);
// Code, types and the script-tag builds' maps (about 440 KiB with their sources inside); the server
// entry (history, webhooks, GA4, links, stores), the consent sources, the bindings, the README and the
// CHANGELOG (about 16 KiB) are most of the rest. 1,031 KiB with the consent sources (913 before them); 1,199 KiB with the boxed tag (its relay's
// script tag and map, 66 KiB; the full build's map, 30 KiB more).
if (pack.unpackedSize > 1260 * 1024) problems.push(`unpacked size ${pack.unpackedSize} over 1260 KiB`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
