// bench/results.md holds one section per benchmark script, between markers: each script rewrites
// its own section and leaves the others as they are.
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('./results.md', import.meta.url);

/** Replaces the section `name` of bench/results.md (or appends it). */
export function writeSection(name, text) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  let current = '# Benchmark results\n';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    // first run: the file is made
  }
  const at = current.indexOf(start);
  const until = current.indexOf(end);
  const found = at !== -1 && until > at;
  const before = found ? current.slice(0, at) : `${current.trimEnd()}\n\n`;
  const after = found ? current.slice(until + end.length) : '\n';
  writeFileSync(FILE, `${before}${start}\n${text.trim()}\n${end}${after}`);
}

/** The median of `values`. */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
