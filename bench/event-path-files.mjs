// Which source files one tag callback runs through on its way to gtag, measured, not read: V8's
// precise coverage (NODE_V8_COVERAGE) is reset after install, one onChatStarted is fired, and every
// dist/ file with a function that ran is listed. Run: `npm run build && node bench/event-path-files.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[2] !== 'child') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'event-path-'));
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'child'], {
    env: { ...process.env, NODE_V8_COVERAGE: dir },
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  // Node says so when coverage was stopped before exit, which is on purpose here.
  process.stderr.write(child.stderr.replace(/^'result' from coverage profile response is not an object\n?/m, ''));
  if (child.status !== 0) process.exit(child.status ?? 1);
  // The last coverage file written holds what ran after the reset: the callback's path.
  const files = readdirSync(dir)
    .filter((name) => name.startsWith('coverage'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
  const ran = new Map();
  for (const script of files.at(-1).result) {
    if (!script.url.includes('/dist/') || script.url.includes('/dist/testing/')) continue;
    // Every function that ran but the module's own top level (which ran at import, before the reset).
    const used = script.functions.filter((fn) => fn.ranges[0].count > 0 && fn.ranges[0].startOffset > 0);
    if (used.length)
      ran.set(
        path.relative(path.join(root, 'dist'), fileURLToPath(script.url)),
        used.map((fn) => fn.functionName || '(closure)'),
      );
  }
  const stack = JSON.parse(readFileSync(path.join(dir, 'stack.json'), 'utf8'));
  console.log(`one onChatStarted -> gtag('event', 'chat_started')`);
  console.log(`  on the call stack when gtag is called: ${stack.length} files: ${stack.join(' -> ')}`);
  console.log(`  every file with code that ran: ${ran.size}`);
  for (const [file, fns] of [...ran].sort()) console.log(`    ${file.padEnd(30)} ${[...new Set(fns)].join(', ')}`);
} else {
  const v8 = await import('node:v8');
  const { install, ga4 } = await import('../dist/index.js');
  const { createTagSimulator } = await import('../dist/testing/index.js');
  const { Window } = await import('happy-dom');
  const win = new Window({ url: 'https://shop.example/' });
  const calls = [];
  let stack = [];
  win.gtag = (...args) => {
    calls.push(args);
    if (args[1] !== 'chat_started') return;
    // The files on the stack, from the tag's call inward, each once.
    const frames = new Error().stack
      .split('\n')
      .map((line) => /\/dist\/([\w/-]+\.js)/.exec(line)?.[1])
      .filter((file) => file && !file.startsWith('testing/'));
    stack = [...new Set(frames.reverse())];
  };
  Error.stackTraceLimit = 100;
  install({ window: win, plugins: [ga4()] });
  const tag = createTagSimulator({ window: win });
  tag.load();
  tag.fire('onChatStarted', { id: 1 }); // the first of each kind warms up lazily made routes
  tag.fire('onChatEnded', { id: 1 });
  v8.takeCoverage();
  tag.fire('onChatStarted', { id: 2 });
  v8.takeCoverage();
  v8.stopCoverage(); // nothing more is written at exit: the last file is the callback's
  (await import('node:fs')).writeFileSync(path.join(process.env.NODE_V8_COVERAGE, 'stack.json'), JSON.stringify(stack));
  if (!calls.some(([, name]) => name === 'chat_started')) throw new Error('gtag did not receive chat_started');
  process.exit(0); // happy-dom's window keeps the event loop alive
}
