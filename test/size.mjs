// Size budgets, printed and enforced by `npm test`: each public entry bundled the way a user's
// bundler would (esbuild, minified, tree-shaken) from the built dist/, then gzipped and brotli'd;
// the script-tag builds as shipped. Each bundle is printed module by module (minified bytes).
import { build } from 'esbuild';
import { TOOLS } from '../rollup.config.mjs';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
// Every shipped tool (src/adapters/tools-by-name.ts), then custom.
const ADAPTERS = [...TOOLS, 'custom'];
const PLUGINS = ['webSdk', 'virtualAgent', 'iadvizeTag', 'chatLink', 'boxedTag']; // each on top of install
const CONSENT = ['tcf', 'googleConsentMode', 'didomi', 'oneTrust', 'axeptio', 'cookiebot']; // each on top of install
const BINDINGS = ['react', 'vue']; // each entry, every export, on top of install; the framework itself is the app's

// Gzip bytes. `goal`: what the architecture aimed for; `budget`: what this design measures, plus a
// little, enforced. A budget above its goal says which guarantee pays for the difference
// (docs/performance.md); raise one only in a commit that says why.
const LIMITS = {
  install: { goal: 2500, budget: 6720 }, // 5500: +259 B unknown options, +482 B odd site code, +370 B types, plain objects, a plugin read once, on() options, +126 B the tag told by its frame's address; +87 B plugins declare their events (keys, rows described to adapters)
  iife: { goal: 3500, budget: 13020 }, // 10000: +400 B unknown options, +1,084 B odd site code, CSP nonce, a tag on its way, +376 B the checks above, +333 B held-back and finished snippets, attributes without data-sid; +180 B plugins declare their events: the core's share, the adapters' (plugin rows, the check of listed plugin events) and the tag's rows; +675 B consent: the tag's gate and coordinated modes followed live, adapters' consent sources, data-consent read (alone in this build: a consent tool's source needs the full build, as the six would add about 2.3 kB); +190 B data-boxed-iframe read, to say the boxed tag needs the full build, and the boxed attributes said out of place
  iifeFull: { goal: 7000, budget: 22340 }, // 12900: +705 B chatLink and iadvizeTag offered, +600 B option and factory checks, +890 B registry and loader, +468 B the checks above, +324 B the same; +278 B plugins declare their events, the same; +2,978 B consent: the six sources and tarteaucitron offered, data-consent's consent tools read, the same modes, chatLink's consent; +3,309 B boxedTag offered, data-boxed-* read
  adapterCore: { goal: undefined, budget: 2560 }, // +103 B: `consent` takes a source, started when the adapter is added and read on its window; `consent: tcf` (not `tcf()`) said
  ga4Rules: { goal: undefined, budget: 640 },
  perAdapter: { goal: 400, budget: 430 }, // ga4 checks `sendTo` (+53 B)
  webSdk: { goal: 1200, budget: 1520 }, // +37 B: its consent:changed row, moved from the adapters' mapping; +60 B a call settled by its answer, not by the tag running it (a boxed tag answers later), the path alone for a boxed tag
  virtualAgent: { goal: 1200, budget: 1420 }, // +123 B: fetchHistory calls only https: or the page's origin; +24 B its va:handoff row, moved from the adapters' mapping
  iadvizeTag: { goal: undefined, budget: 1900 }, // 1000: +353 B the CSP nonce at first run, data:/blob:/javascript: refused, a tag on its way followed; +25 B unknown options; +146 B snippets held back or finished, the nonce of a script that runs; +22 B rows for tag:* events; +384 B consent sources followed live, coordinated mode, the choice told through the Web SDK, consentMode checked
  chatLink: { goal: undefined, budget: 1345 }, // +68 B: //host, /\\host and tabs refused; +185 B consent sources besides functions, ad_user_data and ad_personalization recorded, consent asked again when gtag answers
  react: { goal: undefined, budget: 920 }, // +272 B: hooks follow plugins added later, argument and provider mistakes said, never thrown
  vue: { goal: undefined, budget: 800 }, // +255 B: the same
  // Each consent source on top of install, with their shared follow.js (~330 B: one record per window, the never-throw
  // guard, said once) and its option checks with their messages; tcf and googleConsentMode also wait for a late tool.
  consentSource: { goal: 400, budget: 660 },
  // The boxed tag's host side: the channel's checks (that iframe, that origin, the relay's, documented names), the Web SDK
  // stand-in for both channels (the relay's and iAdvize's boxed-tag), the consent modes (~300 B shared with iadvizeTag);
  // +800 B what the outside review asked: a bridge installed again, an iframe that reloads (listeners, consent and waiting
  // calls), a relay that never answers, a locked or replaced queue, calls beyond the outbox, mismatched modes, all said.
  boxedTag: { goal: 600, budget: 3520 },
  // The relay's script tag: the registry with every guarantee of the bridge's (1,920 B alone), the guard, the buffer, the
  // Web SDK calls run for the host, the coordinated config kept (through a replaced queue too), the copy of plain data,
  // the origin checked, listeners let go on destroy().
  relay: { goal: 2600, budget: 4240 },
};

const sizes = (bytes) => ({
  min: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** `names` from `dist/<entry>.js`, or all it exports. */
async function bundle(names, entry = 'index') {
  const result = await build({
    stdin: { contents: `export ${names ? `{ ${names.join(', ')} }` : '*'} from './dist/${entry}.js';`, resolveDir: root, loader: 'js' },
    bundle: true,
    external: ['react', 'vue'],
    minify: true,
    write: false,
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const modules = Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => [path.replace(/^dist\//, ''), bytesInOutput])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  return { ...sizes(result.outputFiles[0].contents), modules };
}

const rows = [];
const check = (name, measured, { goal, budget }) => rows.push({ name, ...measured, goal, budget, ok: measured.gzip <= budget });
const added = (measured, base) => ({
  min: measured.min - base.min,
  gzip: measured.gzip - base.gzip,
  brotli: measured.brotli - base.brotli,
});

const install = await bundle(['install']);
check('install', install, LIMITS.install);
check('default script tag (core, data-*, ga4, gtm)', sizes(readFileSync(`${root}dist/iadvize-bridge.iife.min.js`)), LIMITS.iife);
check('boxed tag relay script tag', sizes(readFileSync(`${root}dist/iadvize-bridge.boxed.iife.min.js`)), LIMITS.relay);
check('full script tag (every adapter and plugin)', sizes(readFileSync(`${root}dist/iadvize-bridge.full.iife.min.js`)), LIMITS.iifeFull);
// What the first adapter brings and every other shares: mapping, privacy rules, queue, stats.
const adapterCore = await bundle(['install', 'createAdapter']);
check('+ adapter core (createAdapter)', added(adapterCore, install), LIMITS.adapterCore);
// Google's naming rules, which only ga4 and gtm bring, and share.
const ga4Rules = await bundle(['install', 'createAdapter', 'GA4_RULES']);
check('  + GA4 rules (ga4 and gtm share them)', added(ga4Rules, adapterCore), LIMITS.ga4Rules);
for (const name of ADAPTERS) {
  const base = name === 'ga4' || name === 'gtm' ? ['GA4_RULES'] : [];
  check(
    `  + ${name}`,
    added(await bundle(['install', 'createAdapter', ...base, name]), base.length ? ga4Rules : adapterCore),
    LIMITS.perAdapter,
  );
}
for (const name of PLUGINS) check(`+ ${name}`, added(await bundle(['install', name]), install), LIMITS[name]);
for (const name of CONSENT) check(`+ ${name}()`, added(await bundle(['install', name]), install), LIMITS.consentSource);
for (const name of BINDINGS) check(`+ iadvize-bridge/${name}`, added(await bundle(undefined, `${name}/index`), install), LIMITS[name]);

console.log('entry                                         min B   gzip B  brotli B  goal  budget (gzip)');
for (const row of rows) {
  const goal = row.goal === undefined ? '' : String(row.goal);
  console.log(
    `${row.name.padEnd(44)} ${String(row.min).padStart(7)} ${String(row.gzip).padStart(8)} ${String(row.brotli).padStart(9)}  ${goal.padStart(4)}  ${row.budget} ${row.ok ? 'ok' : 'OVER'}`,
  );
}
console.log('\ninstall, module by module (minified bytes):');
for (const [path, bytes] of install.modules) console.log(`  ${String(bytes).padStart(6)}  ${path}`);

const over = rows.filter((row) => !row.ok);
if (over.length) {
  console.error(`size budget exceeded: ${over.map((row) => row.name).join(', ')}`);
  process.exit(1);
}
