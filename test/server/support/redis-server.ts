import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';

/**
 * The Redis tests run against a real `redis-server` (Debian's, installed by .ci/run), started here
 * on 127.0.0.1 on a free port, without persistence, and stopped by its pid. Without it they fail and
 * say so; IADVIZE_BRIDGE_SKIP_REDIS=1 skips them instead, on a machine that cannot have one.
 */
export const SKIP_REDIS = process.env.IADVIZE_BRIDGE_SKIP_REDIS === '1';
const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL, as a crash or an OOM kill would), without closing its connections first. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: it had no persistence), after `kill` or `stop`. */
  restart(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function startRedis(): Promise<RedisServer> {
  if (spawnSync(BINARY, ['--version']).error) {
    throw new Error(
      `redis-server is not installed (looked for ${JSON.stringify(BINARY)}): the Redis store is tested against a real one. ` +
        'Install it (Debian: apt-get install -y redis-server), point REDIS_SERVER at one, or set IADVIZE_BRIDGE_SKIP_REDIS=1 to skip these tests.',
    );
  }
  const port = await freePort();
  let child = await spawnRedis(port);
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(child.pid!, signal);
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGTERM');
      child = await spawnRedis(port);
    },
  };
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child: ChildProcess = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${output}`)), 5000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return child;
}

/**
 * One redis-server for the enclosing `describe`, and its clients: `nodeRedis()` and `ioredis()` connect
 * new ones on the clients' default options, all closed after the tests, before the server is stopped.
 * Their `error` events (a lost connection) are listened to, as a site must: node-redis throws them otherwise.
 */
export function useRedis() {
  let server: RedisServer | undefined;
  // Closed at once, not with QUIT: a test may leave the server down, and QUIT would then wait for it.
  const clients: (() => void)[] = [];
  beforeAll(async () => {
    server = await startRedis();
  }, 10_000);
  afterAll(async () => {
    for (const close of clients) close();
    await server?.stop();
  });
  return {
    server: () => server!,
    async nodeRedis() {
      const client = await createClient({ url: server!.url })
        .on('error', () => undefined)
        .connect();
      clients.push(() => client.destroy());
      return client;
    },
    /** Resolves once the client is ready: `redisStore` refuses commands before that. */
    async ioredis() {
      const client = new Redis(server!.port, '127.0.0.1').on('error', () => undefined);
      clients.push(() => client.disconnect());
      if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
      return client;
    },
  };
}
