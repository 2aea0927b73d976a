// Size budgets, printed and enforced by `npm test`: each public entry bundled the way a user's
// bundler would (esbuild, minified, tree-shaken) from the built dist/, then gzipped and brotli'd.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const ADAPTERS = ['universalAnalytics', 'gaLegacy', 'matomo', 'segment', 'adobeDataLayer', 'mixpanel', 'amplitude', 'posthog', 'plausible', 'custom'];

// Each limit is the measured size plus a little; raise one only in a commit that says why.
const BUDGET = { iife: 10000, install: 6450, installGa4Gtm: 9300, perAdapter: 350 };

const sizes = (bytes) => ({
  min: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

async function bundle(names) {
  const result = await build({
    stdin: { contents: `export { ${names.join(', ')} } from './dist/iadvize-bridge.js';`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  });
  return sizes(result.outputFiles[0].contents);
}

const rows = [];
const check = (name, measured, limit, gzip = measured.gzip) => rows.push({ name, ...measured, limit, gzip, ok: gzip <= limit });

check('IIFE, all in one (script tag)', sizes(readFileSync(`${root}dist/iadvize-bridge.iife.min.js`)), BUDGET.iife);
const install = await bundle(['install']);
check('install', install, BUDGET.install);
const trio = await bundle(['install', 'ga4', 'gtm']);
check('install + ga4 + gtm', trio, BUDGET.installGa4Gtm);
for (const adapter of ADAPTERS) {
  const measured = await bundle(['install', 'ga4', 'gtm', adapter]);
  const added = { min: measured.min - trio.min, gzip: measured.gzip - trio.gzip, brotli: measured.brotli - trio.brotli };
  check(`+ ${adapter}`, added, BUDGET.perAdapter);
}

console.log('entry                                  min B   gzip B  brotli B  budget (gzip)');
for (const row of rows) {
  console.log(`${row.name.padEnd(36)} ${String(row.min).padStart(7)} ${String(row.gzip).padStart(8)} ${String(row.brotli).padStart(9)}  ${row.limit} ${row.ok ? 'ok' : 'OVER'}`);
}
const over = rows.filter((row) => !row.ok);
if (over.length) {
  console.error(`size budget exceeded: ${over.map((row) => row.name).join(', ')}`);
  process.exit(1);
}
