// What links and session counts take in a real Redis: node bench/redis-bytes.mjs (starts its own
// redis-server on 127.0.0.1, REDIS_SERVER names another binary). Keys and values have the shapes
// redisStore writes under the default prefix: a link is `iadvize-bridge:link:<uuid>` -> a GA4 client
// id, kept 30 days; a session at its cap is 30 slots and a count, kept until its hour ends.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const server = spawn(
  process.env.REDIS_SERVER ?? 'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise((resolve) => server.stdout.on('data', (chunk) => String(chunk).includes('Ready to accept') && resolve()));
const redis = new Redis(port, '127.0.0.1');
const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);

const LINKS = 10_000;
let before = await used();
for (let i = 0; i < LINKS; i += 100) {
  const batch = redis.pipeline();
  for (let j = 0; j < 100; j++)
    batch.set(`iadvize-bridge:link:${randomUUID()}`, '1234567890.1712345678', 'PX', 30 * 24 * 3600 * 1000, 'NX');
  await batch.exec();
}
const perLink = ((await used()) - before) / LINKS;
const [one] = await redis.keys('iadvize-bridge:link:*');
console.log(
  `a link: ${perLink.toFixed(0)} B of used_memory (over ${LINKS}), MEMORY USAGE ${await redis.memory('USAGE', one)} B; kept 30 days`,
);

const SESSIONS = 300;
before = await used();
for (let s = 0; s < SESSIONS; s++) {
  const count = `iadvize-bridge:session:${randomUUID().replace(/-/g, '').slice(0, 22)}:493715`;
  const batch = redis.pipeline();
  for (let slot = 0; slot < 30; slot++) batch.set(`${count}:${slot}`, '1', 'PX', 3600 * 1000, 'NX');
  batch.set(count, '30', 'PX', 3600 * 1000);
  await batch.exec();
}
console.log(
  `a session at its cap (30 links): ${(((await used()) - before) / SESSIONS).toFixed(0)} B of used_memory for its counts, until its hour ends`,
);
redis.disconnect();
server.kill();
