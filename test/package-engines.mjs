// `engines.node` against what the shipped code needs: every Node version the range admits has each
// feature the shipped files use, without a flag, and the Node running this check (CI's) is admitted.
// Ranges are read in the forms `>=A.B.C` and `^A.B.C` (minor and patch optional), joined by `||`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each feature, how to see that the shipped files use it, and the Node versions that have it unflagged. */
const FEATURES = [
  { name: 'globalThis.crypto (WebCrypto: the webhook signatures)', used: /\bcrypto\.subtle\b/, node: '>=19.0.0' },
  { name: 'AbortSignal.any', used: /\bAbortSignal\.any\b/, node: '^18.17.0 || >=20.3.0' },
  { name: 'AbortSignal.timeout', used: /\bAbortSignal\.timeout\b/, node: '>=17.3.0' },
  // An ESM-only package: CommonJS code (a CommonJS server, Jest) reaches it only through require(esm).
  { name: 'require() of an ES module', used: /^/, node: '^20.19.0 || >=22.12.0' },
];

const version = (text) => [...text.split('.').map(Number), 0, 0].slice(0, 3);
const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** A range as half-open intervals [from, to) of versions; `to` undefined is no upper end. */
export function intervals(range) {
  return range.split('||').map((part) => {
    const match = /^\s*(>=|\^)(\d+(?:\.\d+){0,2})\s*$/.exec(part);
    if (!match) throw new Error(`engines.node: cannot read "${part.trim()}" (write >=A.B.C or ^A.B.C, joined by ||)`);
    const from = version(match[2]);
    return { from, to: match[1] === '^' ? [from[0] + 1, 0, 0] : undefined };
  });
}

const within = (inner, outer) =>
  compare(inner.from, outer.from) >= 0 && (outer.to === undefined || (inner.to !== undefined && compare(inner.to, outer.to) <= 0));

/** Whether every version `range` admits is one `needed` admits. */
export const admitsOnly = (range, needed) => intervals(range).every((part) => intervals(needed).some((outer) => within(part, outer)));

export function checkEngines(root, manifest, files) {
  const problems = [];
  const range = manifest.engines?.node;
  if (typeof range !== 'string') return ['package.json: engines.node is missing'];
  const code = files
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(root, file), 'utf8'))
    .join('\n');
  try {
    for (const feature of FEATURES) {
      if (feature.used.test(code) && !admitsOnly(range, feature.node))
        problems.push(`engines.node "${range}" admits a Node without ${feature.name} (${feature.node})`);
    }
    const running = version(process.versions.node);
    const admitted = intervals(range).some(({ from, to }) => compare(running, from) >= 0 && (to === undefined || compare(running, to) < 0));
    if (!admitted) problems.push(`engines.node "${range}" does not admit the Node running the tests (${process.versions.node})`);
  } catch (error) {
    return [error.message];
  }
  // And on this Node, CommonJS code can require() each entry.
  for (const entry of Object.keys(manifest.exports).filter((path) => typeof manifest.exports[path] === 'object')) {
    const name = `${manifest.name}${entry.slice(1)}`;
    try {
      execFileSync(process.execPath, ['--input-type=commonjs', '-e', `require(${JSON.stringify(name)})`], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      problems.push(
        `require("${name}") fails on Node ${process.versions.node}: ${
          String(error.stderr)
            .split('\n')
            .find((line) => /Error/.test(line)) ?? error.message
        }`,
      );
    }
  }
  return problems;
}
