// An SPA imports the ESM build, installs, then loads the tag.
import { install } from '../dist/iadvize-bridge.js';

const bridge = install();
window.IAdvizeBridge = { bridge };

function load(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });
}

await load('fake-tag.js');
await load('app.js');
