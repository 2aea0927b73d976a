// What each script-tag build offers on `window.IAdvizeBridge`, run as a page would run it (happy-dom),
// and the plugin and adapter factories the npm package exports, which the full build must offer too.
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';

/** Functions from the plugin and adapter modules that are tools, not factories a site installs. */
const TOOLS = ['createAdapter', 'isHistoryError'];

function globalOf(root, file) {
  const window = new Window({ url: 'https://shop.example/' });
  window.eval(readFileSync(`${root}dist/${file}`, 'utf8'));
  const names = Object.keys(window.IAdvizeBridge ?? {}).sort();
  void window.happyDOM.close();
  return names;
}

export async function scriptTagExports(root) {
  const entry = readFileSync(`${root}dist/index.js`, 'utf8');
  const npm = await import(`${root}dist/index.js`);
  const factories = [...entry.matchAll(/^export \{ ([^}]+) \} from '\.\/(plugins|adapters)\//gm)]
    .flatMap(([, names]) => names.split(',').map((name) => name.trim()))
    .filter((name) => typeof npm[name] === 'function' && !TOOLS.includes(name));
  return {
    full: globalOf(root, 'iadvize-bridge.full.iife.min.js'),
    standard: globalOf(root, 'iadvize-bridge.iife.min.js'),
    factories,
  };
}
