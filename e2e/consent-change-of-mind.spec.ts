import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { seenTag } from './stand-in-tag.js';
import { choose, NO, TOOLS, toolPage, YES } from './stand-in-tools.js';

// Opt-out then opt-in in one page view, in the site's consent tool: what users of other chat wrappers
// lose (the widget torn down and loaded again, handlers gone). Here the site's own iAdvizeCallbacks,
// the bridge's listeners and bridge.state all go on, and the tag is loaded once, only told each choice.
const ctx = useBrowser();

// The documented snippet: the site's callbacks, declared before the bridge.
const SITE_CALLBACKS = `var siteCalls = [];
var iAdvizeCallbacks = {
  onChatStarted: function (chat) { siteCalls.push('started ' + chat.id); },
  onMessageSent: function () { siteCalls.push('sent'); },
};`;
const CONVERSATION = '4c8c7408-f73c-42cd-89e9-afbb0000000d';

/** What the tag would call: the site's callbacks, as the bridge's registry left them. */
const tagCalls = (page: Page, callback: string, payload: unknown) =>
  page.evaluate(([name, raw]) => (window as any).iAdvizeCallbacks[name](raw), [callback, payload] as const);
/** The site's own record, the bridge's listener record (e2e/fixtures/record.js) and bridge.state's chat. */
const seenBySite = (page: Page) =>
  page.evaluate(() => {
    const w = window as any;
    return {
      siteCalls: w.siteCalls as string[],
      heard: (w.recorded as { type: string }[]).map((event) => event.type),
      chat: w.IAdvizeBridge.bridge.state.chat as Record<string, unknown>,
    };
  });

describe.each(Object.entries(TOOLS))('data-consent="%s:…", gate mode: opt-out then opt-in in one page view', (_name, tool) => {
  it('keeps the site callbacks, the bridge listeners and bridge.state; the tag is loaded once and told each choice', async () => {
    const { page, problems } = await toolPage(ctx, tool, 'gate', 'with-page', { before: [{ code: SITE_CALLBACKS }], after: ['record'] });
    await choose(page, tool, 'refuse');
    await choose(page, tool, 'accept');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    await tagCalls(page, 'onChatStarted', { id: 8000003, conversationId: CONVERSATION, vuid: 'v' });
    const started = await seenBySite(page);
    await choose(page, tool, 'refuse');
    await choose(page, tool, 'accept');
    await tagCalls(page, 'onMessageSent', { msg: 'Is this in stock?' });
    await page.waitForTimeout(100);
    expect(await seenTag(page)).toEqual({ scripts: 1, status: 'loaded', runs: 1, config: { sid: 1234 }, sets: [NO, YES] });
    expect(await seenBySite(page)).toEqual({
      siteCalls: ['started 8000003', 'sent'],
      heard: ['tag:loading', 'tag:loaded', 'chat:started', 'message:sent'],
      chat: { ...started.chat, messagesSent: 1 },
    });
    expect(started.chat).toMatchObject({ active: true, chatId: '8000003', conversationId: CONVERSATION, messagesSent: 0 });
    expect(problems).toEqual([]);
    await page.close();
  });
});
