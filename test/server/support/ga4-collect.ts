import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import { listen, type LocalServer } from './hostile-iadvize.js';

export const MEASUREMENT_ID = 'G-TEST123456';
export const API_SECRET = 'mp-secret-Zq81xY';

/** A request the stand-in received: its path, query and JSON body. */
export interface Collected {
  path: string;
  query: Record<string, string>;
  body: {
    client_id?: string;
    consent?: { ad_user_data?: string; ad_personalization?: string };
    events?: { name: string; params: Record<string, unknown>; timestamp_micros?: number }[];
  };
}

/**
 * What the stand-in answers next, in order (then 204): a status, `'hang'` (never answers) or
 * `'redirect'` (a 302 to `elsewhere`, which must never be reached), or a validation server's answer.
 */
type Script = (number | 'hang' | 'redirect' | { validationMessages: object[] } | { status: number; retryAfter: string })[];

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * The validation server's checks that matter here, as Google documents them
 * (developers.google.com/analytics/devguides/collection/protocol/ga4/validating-events): a client id,
 * at most 25 events, names of letters, digits and underscores starting with a letter, 40 at most.
 */
function validate(body: Collected['body']): { fieldPath: string; description: string; validationCode: string }[] {
  const messages = [];
  if (!body.client_id)
    messages.push({ fieldPath: 'client_id', description: 'Measurement requires a client_id.', validationCode: 'VALUE_REQUIRED' });
  if ((body.events?.length ?? 0) > 25)
    messages.push({ fieldPath: 'events', description: 'Measurement can have at most 25 events.', validationCode: 'VALUE_OUT_OF_BOUNDS' });
  body.events?.forEach((event, index) => {
    if (!NAME.test(event.name))
      messages.push({
        fieldPath: 'events',
        description: `Event at index: [${index}] has invalid name [${event.name}].`,
        validationCode: 'NAME_INVALID',
      });
    if (Object.keys(event.params ?? {}).length > 25)
      messages.push({ fieldPath: `events[${index}].params`, description: 'Too many params.', validationCode: 'VALUE_OUT_OF_BOUNDS' });
  });
  return messages;
}

/**
 * A stand-in of www.google-analytics.com on 127.0.0.1: `/mp/collect` answers 204 to anything (as
 * Google does, even to a payload it drops), `/debug/mp/collect` answers `{ validationMessages }`.
 * `script` makes it fail first; `elsewhere` is where its redirects point.
 */
export async function ga4Collect(elsewhere: () => string) {
  const collected: Collected[] = [];
  /** When each request arrived (ms since the epoch), in order. */
  const times: number[] = [];
  const script: Script = [];
  const server: LocalServer = await listen((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req
      .on('data', (chunk) => (text += chunk))
      .on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const body = JSON.parse(text || '{}') as Collected['body'];
        collected.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), body });
        times.push(Date.now());
        const next = script.shift();
        if (next === 'hang') return;
        if (next === 'redirect') return void res.writeHead(302, { location: `${elsewhere()}/mp/collect${url.search}` }).end();
        if (typeof next === 'number') return void res.writeHead(next).end();
        if (next && 'retryAfter' in next) return void res.writeHead(next.status, { 'retry-after': next.retryAfter }).end();
        if (next) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(next));
        if (url.pathname === '/debug/mp/collect')
          return void res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ validationMessages: validate(body) }));
        res.writeHead(url.pathname === '/mp/collect' ? 204 : 404).end();
      });
  });
  return { server, collected, times, script, endpoint: `${server.url}/mp/collect` };
}

/**
 * For a suite: the GA4 stand-in, started before its tests (its redirects pointing at a server that
 * answers nothing) and closed after them, when that server must have received nothing: a redirect is
 * never followed. The object is filled in by `beforeAll`.
 */
export function useGa4Collect(): Awaited<ReturnType<typeof ga4Collect>> {
  const collect = {} as Awaited<ReturnType<typeof ga4Collect>>;
  let elsewhere: LocalServer;
  beforeAll(async () => {
    elsewhere = await listen((req, res, server) => (server.requests.push(req), res.end()));
    Object.assign(collect, await ga4Collect(() => elsewhere.url));
  });
  afterAll(async () => {
    await Promise.all([collect.server.close(), elsewhere.close()]);
    expect(elsewhere.requests).toEqual([]);
  });
  return collect;
}
