import { fileURLToPath } from 'node:url';
import type { Page, Request } from 'playwright';
import { describe, expect, it, vi } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage } from './page.js';

// Each adapter against the vendor's real browser SDK from npm; the SDK's own network request is
// intercepted and its payload read back. gtag.js and gtm.js are not on npm: GA4 and GTM are
// tested against Google's public page contract, `function gtag(){dataLayer.push(arguments)}`.
const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const mounts = {
  'vendor/mixpanel/': `${modules}mixpanel-browser/dist/`,
  'vendor/amplitude/': `${modules}@amplitude/analytics-browser/lib/scripts/`,
  'vendor/posthog/': `${modules}posthog-js/dist/`,
  'vendor/segment/': `${modules}@segment/analytics-next/dist/umd/`,
  'vendor/plausible/': `${modules}plausible-tracker/build/module/`,
  'vendor/adobe/': `${modules}@adobe/adobe-client-data-layer/dist/`,
};

const ctx = useBrowser({ mounts });

/** Opens the blank page; every request that leaves 127.0.0.1 is recorded and answered here. */
async function pageWithVendorNetwork(): Promise<{ page: Page; outgoing: Request[]; problems: string[] }> {
  const { page, problems } = await openPage(ctx.browser, ctx.server, { bridge: { build: 'full' } });
  const outgoing: Request[] = [];
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, async (route) => {
    outgoing.push(route.request());
    // Amplitude retries a batch unless the answer says it was ingested, as its HTTP API does.
    const body = route.request().url().startsWith('https://amplitude.test/')
      ? {
          code: 200,
          events_ingested: JSON.parse(route.request().postData() ?? '{}').events?.length ?? 0,
          payload_size_bytes: 0,
          server_upload_time: Date.now(),
        }
      : {};
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
  return { page, outgoing, problems };
}

/** Drives a chat through the fake tag: start (proactive), an offer with a secret in its URL, then the end. */
async function runChat(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tag = (window as any).iAdvizeSimulator;
    tag.fire('onChatStarted', {
      id: 8000042,
      startedBy: 'proactif',
      conversationId: '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa',
      vuid: 'visitor-secret',
    });
    tag.fire('onMessageSent', { time: '10:00', msg: 'my email is jane@example.com' });
    tag.fire('onOfferReceived', { name: 'Free shipping', url: 'https://shop.example/cart?token=SECRET' });
    tag.fire('onChatEnded', {
      id: 8000042,
      conversationId: '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa',
      vuid: 'visitor-secret',
      endedBy: 'visitor',
    });
  });
}

/** Every body the SDKs sent, decoded (JSON, form-encoded or base64 JSON), as one searchable string. */
function decode(request: Request): string {
  const body = request.postData() ?? '';
  const url = new URL(request.url());
  const parts = [body, url.search];
  for (const value of [...new URLSearchParams(body).values(), ...url.searchParams.values()]) {
    parts.push(value);
    try {
      parts.push(Buffer.from(value, 'base64').toString('utf8'));
    } catch {
      // not base64
    }
  }
  return parts.join('\n');
}

const sentText = (outgoing: Request[]) => outgoing.map(decode).join('\n');

function expectPrivacy(text: string): void {
  for (const secret of ['jane@example.com', 'SECRET', 'visitor-secret', '8000042', '5f0c8a52']) expect(text).not.toContain(secret);
}

describe('adapters against real vendor SDKs in Chromium', () => {
  it("ga4(): the page's gtag queues the event in dataLayer as gtag.js reads it", async () => {
    const { page, problems } = await pageWithVendorNetwork();
    await page.evaluate(() => {
      const w = window as any;
      w.dataLayer = w.dataLayer || [];
      w.gtag = function () {
        // eslint-disable-next-line prefer-rest-params -- Google's own snippet: gtag.js reads these Arguments objects (not arrays) from the dataLayer
        w.dataLayer.push(arguments);
      };
      w.gtag('js', new Date());
      w.gtag('config', 'G-TEST000000');
      w.IAdvizeBridge.install({ adapters: [w.IAdvizeBridge.ga4()] });
    });
    await runChat(page);
    const layer = await page.evaluate(() => (window as any).dataLayer.map((entry: ArrayLike<unknown>) => Array.from(entry)));
    expect(layer.slice(2)).toEqual([
      ['event', 'chat_started', { started_by: 'proactive', chat_channel: 'chat' }],
      ['event', 'chat_offer_received', { offer_name: 'Free shipping', offer_url: 'https://shop.example/cart' }],
      ['event', 'chat_ended', { chat_duration_sec: 0, ended_by: 'visitor' }],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gtm(): dataLayer.push with the iadvize key reset before each event', async () => {
    const { page, problems } = await pageWithVendorNetwork();
    await page.evaluate(() => {
      const w = window as any;
      w.dataLayer = [{ 'gtm.start': Date.now(), event: 'gtm.js' }];
      w.IAdvizeBridge.install({ adapters: [w.IAdvizeBridge.gtm()] });
    });
    await runChat(page);
    const layer = await page.evaluate(() => (window as any).dataLayer.slice(1));
    expect(layer).toEqual([
      { iadvize: null },
      { event: 'chat_started', iadvize: { started_by: 'proactive', chat_channel: 'chat' } },
      { iadvize: null },
      { event: 'chat_offer_received', iadvize: { offer_name: 'Free shipping', offer_url: 'https://shop.example/cart' } },
      { iadvize: null },
      { event: 'chat_ended', iadvize: { chat_duration_sec: 0, ended_by: 'visitor' } },
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('mixpanel(): mixpanel-browser sends "Chat Started" with its properties to its track endpoint', async () => {
    const { page, outgoing } = await pageWithVendorNetwork();
    await page.addScriptTag({ url: '/vendor/mixpanel/mixpanel.umd.js' });
    await page.evaluate(() => {
      const w = window as any;
      w.mixpanel.init('test-token', {
        api_host: 'https://api.mixpanel.test',
        batch_requests: false,
        track_pageview: false,
        persistence: 'localStorage',
      });
      w.IAdvizeBridge.install({ adapters: [w.IAdvizeBridge.mixpanel()] });
    });
    await runChat(page);
    await vi.waitFor(() => expect(sentText(outgoing)).toContain('Chat Ended'), { timeout: 10_000 });
    const text = sentText(outgoing);
    expect(text).toMatch(/"event":\s*"Chat Started"/);
    expect(text).toMatch(/"started_by":\s*"proactive"/);
    expect(text).toMatch(/"offer_name":\s*"Free shipping"/);
    expect(outgoing.some((r) => new URL(r.url()).pathname.startsWith('/track'))).toBe(true);
    expectPrivacy(text);
    await page.close();
  });

  it('amplitude(): @amplitude/analytics-browser posts the events to its HTTP API', async () => {
    const { page, outgoing } = await pageWithVendorNetwork();
    await page.addScriptTag({ url: '/vendor/amplitude/amplitude-min.umd.js' });
    await page.evaluate(() => {
      const w = window as any;
      w.amplitude.init('test-api-key', {
        serverUrl: 'https://amplitude.test/2/httpapi',
        flushQueueSize: 1,
        flushIntervalMillis: 50,
        autocapture: false,
      });
      w.IAdvizeBridge.install({ adapters: [w.IAdvizeBridge.amplitude()] });
    });
    await runChat(page);
    await vi.waitFor(() => expect(sentText(outgoing)).toContain('Chat Ended'), { timeout: 10_000 });
    const events = outgoing
      .filter((r) => r.url().startsWith('https://amplitude.test/'))
      .flatMap((r) => JSON.parse(r.postData() ?? '{}').events ?? []);
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(['Chat Started', 'Chat Offer Received', 'Chat Ended']);
    expect(events[0].event_properties).toEqual({ started_by: 'proactive', chat_channel: 'chat' });
    expectPrivacy(sentText(outgoing));
    await page.close();
  });

  it('posthog(): posthog-js captures chat_started with its properties', async () => {
    const { page, outgoing } = await pageWithVendorNetwork();
    await page.addScriptTag({ url: '/vendor/posthog/array.js' });
    await page.evaluate(() => {
      const w = window as any;
      w.posthog.init('phc_test', {
        api_host: 'https://posthog.test',
        disable_compression: true,
        autocapture: false,
        capture_pageview: false,
        capture_pageleave: false,
        disable_session_recording: true,
        request_batching: false,
        advanced_disable_flags: true,
        advanced_disable_decide: true,
        // Headless Chromium's user agent looks like a bot to posthog-js, which would drop everything.
        opt_out_useragent_filter: true,
      });
      w.IAdvizeBridge.install({ adapters: [w.IAdvizeBridge.posthog()] });
    });
    await runChat(page);
    await vi.waitFor(() => expect(sentText(outgoing)).toContain('chat_ended'), { timeout: 10_000 });
    const text = sentText(outgoing);
    expect(text).toMatch(/"event":\s*"chat_started"/);
    expect(text).toMatch(/"started_by":\s*"proactive"/);
    expect(text).toMatch(/"offer_name":\s*"Free shipping"/);
    expectPrivacy(text);
    await page.close();
  });

  it('segment(): analytics-next sends "Live Chat Conversation Started" to its tracking API', async () => {
    const { page, outgoing } = await pageWithVendorNetwork();
    await page.addScriptTag({ url: '/vendor/segment/index.js' });
    await page.evaluate(() => {
      const w = window as any;
      const analytics = w.AnalyticsNext.AnalyticsBrowser.load({
        writeKey: 'test-write-key',
        cdnSettings: { integrations: { 'Segment.io': { apiKey: 'test-write-key', apiHost: 'segment.test/v1' } } },
      });
      w.IAdvizeBridge.install({ adapters: [w.IAdvizeBridge.segment({ client: analytics })] });
    });
    await runChat(page);
    await vi.waitFor(() => expect(sentText(outgoing)).toContain('Live Chat Conversation Ended'), { timeout: 10_000 });
    const tracks = outgoing.filter((r) => r.url().startsWith('https://segment.test/v1/t')).map((r) => JSON.parse(r.postData() ?? '{}'));
    expect(tracks.map((t) => t.event)).toEqual([
      'Live Chat Conversation Started',
      'Live Chat Offer Received',
      'Live Chat Conversation Ended',
    ]);
    expect(tracks[0].properties).toEqual({ started_by: 'proactive', chat_channel: 'chat' });
    expectPrivacy(sentText(outgoing));
    await page.close();
  });

  it('plausible(): plausible-tracker posts "Chat Started" with its props to /api/event', async () => {
    const { page, outgoing } = await pageWithVendorNetwork();
    await page.addScriptTag({
      type: 'module',
      content: `
        import Plausible from '/vendor/plausible/index.js';
        const tracker = Plausible({ domain: 'shop.example', apiHost: 'https://plausible.test', trackLocalhost: true });
        window.IAdvizeBridge.install({ adapters: [window.IAdvizeBridge.plausible({ client: tracker })] });
        window.plausibleReady = true;`,
    });
    await page.waitForFunction(() => (window as any).plausibleReady === true);
    await runChat(page);
    await vi.waitFor(() => expect(outgoing.filter((r) => r.url() === 'https://plausible.test/api/event')).toHaveLength(3), {
      timeout: 10_000,
    });
    const events = outgoing.map((r) => JSON.parse(r.postData() ?? '{}'));
    expect(events.map((e) => e.n)).toEqual(['Chat Started', 'Chat Offer Received', 'Chat Ended']);
    const props = typeof events[0].p === 'string' ? JSON.parse(events[0].p) : events[0].p;
    expect(props).toEqual({ started_by: 'proactive', chat_channel: 'chat' });
    expectPrivacy(sentText(outgoing));
    await page.close();
  });

  it('adobeDataLayer(): the Adobe Client Data Layer delivers the event to its listeners', async () => {
    const { page, problems } = await pageWithVendorNetwork();
    await page.evaluate(() => {
      const w = window as any;
      w.seen = [];
      w.adobeDataLayer = w.adobeDataLayer || [];
      w.adobeDataLayer.push((layer: any) => {
        layer.addEventListener('chat_started', (event: unknown) => w.seen.push(event));
        layer.addEventListener('chat_offer_received', (event: unknown) => w.seen.push(event));
      });
      w.IAdvizeBridge.install({ adapters: [w.IAdvizeBridge.adobeDataLayer()] });
    });
    await page.addScriptTag({ url: '/vendor/adobe/adobe-client-data-layer.min.js' });
    await runChat(page);
    const seen = await page.evaluate(() => (window as any).seen);
    expect(seen).toEqual([
      { event: 'chat_started', eventInfo: { started_by: 'proactive', chat_channel: 'chat' } },
      { event: 'chat_offer_received', eventInfo: { offer_name: 'Free shipping', offer_url: 'https://shop.example/cart' } },
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('data-analytics="ga4 gtm" and data-include-ids configure the script tag without JavaScript', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, {
      before: ['gtag-stub'],
      bridge: { attributes: 'data-analytics="ga4 gtm typo" data-include-ids' },
    });
    await runChat(page);
    const layer = await page.evaluate(() =>
      (window as any).dataLayer.map((entry: any) =>
        Object.prototype.toString.call(entry) === '[object Arguments]' ? Array.from(entry) : entry,
      ),
    );
    const gtagEvents = layer.filter((entry: unknown) => Array.isArray(entry) && entry[0] === 'event');
    const gtmEvents = layer.filter((entry: any) => !Array.isArray(entry) && typeof entry.event === 'string');
    expect(gtagEvents[0]).toEqual([
      'event',
      'chat_started',
      { started_by: 'proactive', chat_channel: 'chat', chat_id: '8000042', conversation_id: '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa' },
    ]);
    expect(gtmEvents.map((entry: any) => entry.event)).toEqual(['chat_started', 'chat_offer_received', 'chat_ended']);
    expect(gtmEvents[2].iadvize).toMatchObject({
      chat_id: '8000042',
      conversation_id: '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa',
      ended_by: 'visitor',
    });
    // The typo is reported; the rest still works.
    expect(problems).toEqual([expect.stringContaining('unknown adapter "typo"')]);
    await page.close();
  });
});
