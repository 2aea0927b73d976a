// Serves the demo (and the end-to-end fixtures) on 127.0.0.1. No dependencies: node:http only.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHistoryHandler, toNodeListener } from '../dist/server/index.js';
import { createChatRecordHandler, fromDemoPage } from './chat-record-route.mjs';
import { createIadvizeMock, DEMO_API_KEY } from './iadvize-mock.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Only these folders are served: never package.json, sources outside dist, or node_modules.
const PUBLIC = ['demo', 'dist', join('e2e', 'fixtures')];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function existing(file) {
  try {
    const stat = statSync(file);
    return stat.isDirectory() ? existing(join(file, 'index.html')) : file;
  } catch {
    return undefined;
  }
}

// The one-tag page loads the tag from its usual path on this origin: there, the simulator is the tag.
const TAG_PATH = '/demo/iadvize.js';
// The SPA's own routes: a reload or a shared link gets the SPA page, which shows the route. No dot, so a
// missing file under /demo/spa/ is still a 404.
const SPA_ROUTE = /^\/demo\/spa\/[A-Za-z0-9_/-]*$/;

/** The file a URL path names: in a public folder, or under a mounted prefix (tests mount vendor SDKs). */
function resolveFile(urlPath, mounts) {
  if (urlPath === TAG_PATH) return join(root, 'dist', 'iadvize-simulator.iife.js');
  if (SPA_ROUTE.test(urlPath)) return join(root, 'demo', 'spa.html');
  let path;
  try {
    path = normalize(decodeURIComponent(urlPath)).replace(/^[/\\]+/, '');
  } catch {
    return undefined; // a malformed escape such as %E0: not a file
  }
  if (path.split(sep).includes('..')) return undefined;
  for (const [prefix, dir] of Object.entries(mounts)) {
    // ESM packages built for bundlers import './lib/tracker' without an extension.
    if (path.startsWith(prefix))
      return existing(join(dir, path.slice(prefix.length))) ?? existing(join(dir, path.slice(prefix.length)) + '.js');
  }
  if (!PUBLIC.some((folder) => path === folder || path.startsWith(folder + sep))) return undefined;
  return existing(join(root, path));
}

/**
 * Who may read a transcript. A real site checks its own session here (a session cookie or a token)
 * and that the chat belongs to that visitor. The demo has no accounts: it lets in its own pages
 * (browsers say `Sec-Fetch-Site: same-origin`) and scripts on this machine, never another site.
 */
function demoVisitor(request) {
  return fromDemoPage(request.headers);
}

/**
 * Starts the server; `port: 0` picks a free one. `mounts` maps URL prefixes (`vendor/x/`) to folders.
 * Resolves with its URL and a close function.
 */
export function startServer({ port = 0, headers = () => ({}), mounts = {} } = {}) {
  let historyProxy;
  // Each server has its own stand-in iAdvize, so tests and benchmarks never see each other's chats.
  const mock = createIadvizeMock();
  const recordRoute = toNodeListener(createChatRecordHandler(mock));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (mock.handle(request, response, url)) return;
    if (url.pathname.startsWith('/api/demo-chats/')) {
      recordRoute(request, response);
      return;
    }
    if (url.pathname === '/api/iadvize-history') {
      // The site's own proxy: the API key stays on this server. With IADVIZE_API_KEY set it calls the
      // real iAdvize API; otherwise the local mock above.
      historyProxy ??= toNodeListener(
        createHistoryHandler({
          ...(process.env.IADVIZE_API_KEY
            ? { apiKey: process.env.IADVIZE_API_KEY, platform: process.env.IADVIZE_PLATFORM === 'ha' ? 'ha' : 'sd' }
            : { apiKey: DEMO_API_KEY, baseUrl: `http://127.0.0.1:${server.address().port}/mock-iadvize` }),
          authorize: demoVisitor,
        }),
      );
      historyProxy(request, response);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      response.writeHead(302, { location: '/demo/' }).end();
      return;
    }
    const file = request.method === 'GET' || request.method === 'HEAD' ? resolveFile(url.pathname, mounts) : undefined;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...headers(url),
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 5178);
  const { url } = await startServer({ port }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    console.log(`port ${port} is busy, picking a free one`);
    return startServer({ port: 0 });
  });
  console.log(`iadvize-bridge demo: ${url}/demo/`);
  console.log(`SPA (ESM import):    ${url}/demo/spa.html`);
  console.log(`One script tag:      ${url}/demo/one-tag.html`);
}
