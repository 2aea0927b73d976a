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

export async function startRedis(): Promise<RedisServer> {
  if (spawnSync(BINARY, ['--version']).error) {
    throw new Error(
      `redis-server is not installed (looked for ${JSON.stringify(BINARY)}): the Redis store is tested against a real one. ` +
        'Install it (Debian: apt-get install -y redis-server), point REDIS_SERVER at one, or set IADVIZE_BRIDGE_SKIP_REDIS=1 to skip these tests.',
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${output}`)), 5000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(child.pid!, 'SIGTERM');
      }),
  };
}

/**
 * One redis-server for the enclosing `describe`, and its clients: `nodeRedis()` and `ioredis()` connect
 * new ones, all closed after the tests, before the server is stopped.
 */
export function useRedis() {
  let server: RedisServer | undefined;
  const clients: { quit(): Promise<unknown> }[] = [];
  beforeAll(async () => {
    server = await startRedis();
  }, 10_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    await server?.stop();
  });
  return {
    async nodeRedis() {
      const client = await createClient({ url: server!.url }).connect();
      clients.push(client);
      return client;
    },
    ioredis() {
      const client = new Redis(server!.port, '127.0.0.1');
      clients.push(client);
      return client;
    },
  };
}
