import { checkKnownOptions } from '../../shared/known-options.js';
import { optionChecks } from '../http/options.js';
import type { KeyValueStore } from './store.js';
import { isTimeout, STORE_TIMEOUT_MS } from './deadline.js';

const { fail } = optionChecks('redisStore');

/**
 * What `redisStore` uses of a node-redis (v4+) client: `set` takes an options object. Replies are
 * `unknown` (a string or null from Redis): the store checks what it gets.
 */
interface NodeRedisClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, options: { PX: number; NX?: true }): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** What `redisStore` uses of an ioredis client: `set` takes Redis's own words, and the client has `call`. */
interface IoRedisClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, px: 'PX', ms: number, nx?: 'NX'): Promise<unknown>;
  del(key: string): Promise<unknown>;
  call(...args: never[]): unknown;
}

export type RedisClient = NodeRedisClient | IoRedisClient;

export interface RedisStoreOptions {
  /** Put before every key, so the bridge's keys cannot meet the site's own. Default `'iadvize-bridge:'`. */
  prefix?: string;
  /** How long a handler waits for one Redis command before it answers 503. Default 2000. */
  timeoutMs?: number;
}

/**
 * A `KeyValueStore` in Redis, shared by every instance of the site: pass a connected node-redis
 * (`createClient()`, v4 and later) or ioredis (`new Redis()`) client; neither is a dependency of
 * this library. `add` is one `SET key value PX ttl NX`, so two instances never both claim a key.
 * @example
 * const store = redisStore(await createClient({ url: process.env.REDIS_URL }).connect())
 */
export function redisStore(client: RedisClient, options: RedisStoreOptions = {}): KeyValueStore {
  checkKnownOptions('redisStore()', options, ['prefix', 'timeoutMs'] satisfies Array<keyof RedisStoreOptions>);
  const { prefix = 'iadvize-bridge:', timeoutMs = STORE_TIMEOUT_MS } = options;
  const usable =
    typeof client === 'object' &&
    client !== null &&
    ['get', 'set', 'del'].every((name) => typeof (client as unknown as Record<string, unknown>)[name] === 'function');
  if (!usable) fail('pass a node-redis or ioredis client (an object with get, set and del)');
  if (typeof prefix !== 'string') fail('`prefix` must be a string');
  if (!isTimeout(timeoutMs)) fail('`timeoutMs` must be a positive number of milliseconds');
  // ioredis has `call`; node-redis has not, and takes SET's options as an object.
  const ioredis = typeof (client as IoRedisClient).call === 'function';
  const set = (key: string, value: string, ttlMs: number, onlyIfAbsent: boolean) => {
    const ms = Math.max(1, Math.ceil(ttlMs));
    if (ioredis) {
      const io = client as IoRedisClient;
      return onlyIfAbsent ? io.set(prefix + key, value, 'PX', ms, 'NX') : io.set(prefix + key, value, 'PX', ms);
    }
    return (client as NodeRedisClient).set(prefix + key, value, onlyIfAbsent ? { PX: ms, NX: true } : { PX: ms });
  };

  // A client that is not ready (connecting, or reconnecting after it lost Redis) would only queue the
  // command and run it after Redis is back, long after the handler gave up on it (a claim taken late,
  // a stale delete): refuse it at once. Read on every call, from the client itself.
  const connected = () => {
    const state = ioredis ? (client as { status?: unknown }).status : (client as { isReady?: unknown }).isReady;
    const ready = ioredis ? state === 'ready' : state === true;
    // A client that says nothing of its state (a wrapper) is trusted.
    if (!ready && state !== undefined)
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ioredis's status is a string; a wrapper's, whatever it is, in the words String() gives it
      throw new Error(`Redis is not connected (the client is not ready${ioredis ? `: its status is '${String(state)}'` : ''})`);
  };

  return {
    timeoutMs,
    async get(key) {
      connected();
      const value = await client.get(prefix + key);
      return typeof value === 'string' ? value : undefined;
    },
    async set(key, value, ttlMs) {
      connected();
      await set(key, value, ttlMs, false);
    },
    async add(key, value, ttlMs) {
      connected();
      return (await set(key, value, ttlMs, true)) === 'OK';
    },
    async delete(key) {
      connected();
      await client.del(prefix + key);
    },
  };
}
