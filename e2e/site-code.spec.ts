import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { pageHtml } from './page.js';

/**
 * Real-world site code (iAdvize's documented snippets: in e2e/fixtures/site-code/, and the chains
 * below) placed before the bridge, after it, or after the tag, under both tag lookups. The oracle is
 * the same page without the bridge: the site's functions must run exactly as the site's code
 * implies, and each tag call must give exactly one event and one GA4 and one GTM push.
 */
const ctx = useBrowser();

type Place = 'before-bridge' | 'after-bridge' | 'after-tag';
type Program = Array<[snippet: string, place: Place]>;

const everywhere = (snippets: string[]): Array<[string, Program]> =>
  (['before-bridge', 'after-bridge', 'after-tag'] as const).map((place) => [
    place,
    snippets.map((snippet) => [snippet, place] as [string, Place]),
  ]);

const PROGRAMS: Array<[string, Program]> = [
  ...everywhere(['var-2017']).map(([place, program]) => [`2017 var snippet, ${place}`, program] as [string, Program]),
  ...everywhere(['property-2021']).map(([place, program]) => [`2021 per-property assignment, ${place}`, program] as [string, Program]),
  ...everywhere(['spread-2022']).map(([place, program]) => [`2022 spread, ${place}`, program] as [string, Program]),
  ...everywhere(['init', 'chain-2021-a']).map(
    ([place, program]) => [`2021 chain, no function before it, ${place}`, program] as [string, Program],
  ),
  ...everywhere(['var-2017', 'chain-2021-a']).map(([place, program]) => [`2021 chain, one level, ${place}`, program] as [string, Program]),
  ...everywhere(['var-2017', 'chain-2021-a', 'chain-2021-b']).map(
    ([place, program]) => [`2021 chain, two levels, ${place}`, program] as [string, Program],
  ),
  ...everywhere(['init', 'chain-2022-a']).map(
    ([place, program]) => [`2022 chain, no function before it, ${place}`, program] as [string, Program],
  ),
  ...everywhere(['property-2021', 'chain-2022-a']).map(
    ([place, program]) => [`2022 chain, one level, ${place}`, program] as [string, Program],
  ),
  ...everywhere(['property-2021', 'chain-2022-a', 'chain-2022-b']).map(
    ([place, program]) => [`2022 chain, two levels, ${place}`, program] as [string, Program],
  ),
  [
    'both chains across the page: var before the bridge, 2021 after it, 2022 after the tag',
    [
      ['var-2017', 'before-bridge'],
      ['chain-2021-a', 'after-bridge'],
      ['chain-2022-b', 'after-tag'],
    ],
  ],
  ['plain iAdvizeCallbacks = {...} after the tag loaded', [['plain-assignment', 'after-tag']]],
];

/** iAdvize's 2021 text for a second function: keep the current one, call it first. One module of the site each. */
const chain2021 = (label: string) => `(function () {
  window.siteCalls = window.siteCalls || [];
  window.iAdvizeCallbacks = window.iAdvizeCallbacks || {};
  var temp = window.iAdvizeCallbacks.onChatStarted || (() => {});
  window.iAdvizeCallbacks.onChatStarted = function (ctx) {
    temp(ctx);
    window.siteCalls.push('chain-2021-${label} ' + ctx.id);
  };
})();`;

/** iAdvize's 2022 text for a second function: keep the current one, reassign the object, call it first. */
const chain2022 = (label: string) => `(function () {
  window.siteCalls = window.siteCalls || [];
  var temp = window.iAdvizeCallbacks.onChatStarted || (() => {});
  window.iAdvizeCallbacks = {
    ...window.iAdvizeCallbacks,
    onChatStarted(ctx) {
      temp(ctx);
      window.siteCalls.push('chain-2022-${label} ' + ctx.id);
    },
  };
})();`;

/** A snippet by name: a chain module (`chain-2021-a`), or a file of e2e/fixtures/site-code/. */
function script(snippet: string) {
  const chain = /^chain-(2021|2022)-(\w)$/.exec(snippet);
  if (!chain) return `site-code/${snippet}`;
  return { code: (chain[1] === '2021' ? chain2021 : chain2022)(chain[2]) };
}

function html(program: Program, lookup: string, withBridge: boolean): string {
  const at = (place: Place) => program.filter(([, p]) => p === place).map(([snippet]) => script(snippet));
  return pageHtml({
    before: ['gtag-stub', ...at('before-bridge')],
    bridge: withBridge && { attributes: 'data-analytics="ga4 gtm"' },
    after: [...(withBridge ? ['record'] : []), ...at('after-bridge')],
    tag: { attributes: `data-lookup="${lookup}"` },
    last: at('after-tag'),
  });
}

interface Outcome {
  siteCalls: string[];
  events: number;
  ga4: number;
  gtm: number;
  problems: string[];
}

async function play(program: Program, lookup: string, withBridge: boolean): Promise<Outcome> {
  const url = `${ctx.server.url}/e2e/site-code-page.html`;
  const opened = await open(ctx.browser, 'about:blank');
  await opened.page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html(program, lookup, withBridge) }));
  await opened.page.goto(url);
  const outcome = await opened.page.evaluate(() => {
    const w = window as any;
    w.iAdvizeSimulator.fire('onChatStarted', { id: 1, conversationId: '5f0c8a52-0000-4000-8000-000000000001', vuid: 'v' });
    w.iAdvizeSimulator.fire('onChatStarted', { id: 2, conversationId: '5f0c8a52-0000-4000-8000-000000000002', vuid: 'v' });
    const layer: any[] = w.dataLayer;
    const isGtag = (entry: unknown) => Object.prototype.toString.call(entry) === '[object Arguments]';
    return {
      siteCalls: w.siteCalls ?? [],
      events: (w.recorded ?? []).filter((r: { type: string }) => r.type === 'chat:started').length,
      ga4: layer.filter((e) => isGtag(e) && e[0] === 'event' && e[1] === 'chat_started').length,
      gtm: layer.filter((e) => !isGtag(e) && e.event === 'chat_started').length,
    };
  });
  await opened.page.close();
  return { ...outcome, problems: opened.problems };
}

/**
 * A `var` snippet run before the bridge makes a property nobody can redefine: a whole new object
 * assigned to it after a tag captured the old one is lost to that tag, with or without the bridge
 * (the README's one limit). There, the oracle is what such a tag does without the bridge.
 */
const lostToBootTag = (program: Program, lookup: string) =>
  lookup === 'boot' &&
  program.some(([snippet, place]) => snippet === 'var-2017' && place === 'before-bridge') &&
  program.some(([snippet, place]) => /spread|chain-2022|plain/.test(snippet) && place === 'after-tag');

describe.each(['late', 'boot'])('real-world site code with the bridge, tag lookup %s', (lookup) => {
  it.each(PROGRAMS)('%s', async (_name, program) => {
    const oracle = await play(program, lostToBootTag(program, lookup) ? lookup : 'late', false);
    const bridged = await play(program, lookup, true);
    expect(oracle.problems).toEqual([]);
    expect(oracle.siteCalls.length).toBeGreaterThanOrEqual(2);
    expect(bridged.siteCalls).toEqual(oracle.siteCalls);
    expect({ events: bridged.events, ga4: bridged.ga4, gtm: bridged.gtm }).toEqual({ events: 2, ga4: 2, gtm: 2 });
    expect(bridged.problems).toEqual([]);
  });
});
