import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import httpProxy from 'http-proxy';
import { afterAll } from 'vitest';

/** The certificate the proxy presents, for shop.example, www.shop.example and 127.0.0.1. */
const TLS = readFileSync(new URL('../../fixtures/proxy-tls.pem', import.meta.url), 'utf8');

export interface ProxySetup {
  /** Rewrites `Host` to the target's (a CDN or load balancer in front of the app server). */
  changeOrigin?: boolean;
  /** The app is mounted under this path: `/api/iadvize/chat-link` reaches the app as `/chat-link`. */
  prefix?: string;
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => (server.closeAllConnections(), new Promise((done) => server.close(done))))));

/**
 * A real reverse proxy (the `http-proxy` package, as sites run it or nginx does) on 127.0.0.1 that
 * terminates TLS and forwards plain HTTP to `target`, adding `X-Forwarded-For/Port/Proto` (and
 * `X-Forwarded-Host`) as proxies do. Resolves to its port.
 */
export async function reverseProxy(target: string, { changeOrigin = false, prefix = '' }: ProxySetup = {}): Promise<number> {
  const proxy = httpProxy.createProxyServer({ target, changeOrigin, xfwd: true });
  proxy.on('error', (_, __, res) => void ('writeHead' in res && res.writeHead(502).end()));
  const server = createHttpsServer({ key: TLS, cert: TLS }, (req: IncomingMessage, res) => {
    if (!req.url?.startsWith(`${prefix}/`)) return void res.writeHead(404).end();
    req.url = req.url.slice(prefix.length);
    proxy.web(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** An app server on 127.0.0.1 (plain HTTP, as behind every proxy): its URL. */
export async function appServer(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createHttpServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A POST over TLS to the proxy on 127.0.0.1 as a browser on `https://<host>` sends it: `Host` and the
 * TLS server name are the public host name, the certificate is checked against the proxy's.
 */
export function postThroughProxy(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        servername: host,
        ca: TLS,
        headers: { host, 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk: string) => (text += chunk))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject).end(body);
  });
}
