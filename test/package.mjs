// What `npm pack` ships, checked after the build by `npm test`: every entry point and its types, the
// script-tag builds with their maps and integrity hashes, the docs; never sources, tests, the demo,
// the benchmarks, or the ESM source maps (they point into src/, which is not shipped).
import { execFileSync } from 'node:child_process';

const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const files = pack.files.map((file) => file.path);
const problems = [];
const required = [
  'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE',
  'dist/index.js', 'dist/index.d.ts', 'dist/server/index.js', 'dist/server/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts',
  'dist/iadvize-bridge.iife.min.js', 'dist/iadvize-bridge.iife.min.js.map', 'dist/iadvize-bridge.full.iife.min.js', 'dist/iadvize-bridge.full.iife.min.js.map',
  'dist/iadvize-simulator.iife.js', 'dist/sri.json',
];
for (const file of required) if (!files.includes(file)) problems.push(`missing ${file}`);
// The script-tag entries have no ESM module: their declarations would describe nothing a user imports.
const forbidden = [/^src\//, /^test\//, /^e2e\//, /^demo\//, /^bench\//, /^\.ci\//, /\.tgz$/, /^dist\/(?!.*\.iife\.min\.js\.map$).*\.map$/, /^dist\/(testing\/)?(iife|iife-full|script-tag)\.d\.ts$/];
for (const file of files) if (forbidden.some((pattern) => pattern.test(file))) problems.push(`should not ship ${file}`);

console.log(`npm pack: ${files.length} files, ${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${(pack.size / 1024).toFixed(1)} KiB packed`);
// Code and types only: the server entry (history, webhooks, GA4, stores) and the bindings are most of it.
if (pack.unpackedSize > 650 * 1024) problems.push(`unpacked size ${pack.unpackedSize} over 650 KiB`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
