import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, gtm } from '../../src/index.js';
import { page } from '../helpers.js';

// Google's own data layer merge model (what GTM's data model does with each push), from the registry.
const helperSource = readFileSync(createRequire(import.meta.url).resolve('data-layer-helper/dist/data-layer-helper.js'), 'utf8');
type Model = Record<string, unknown>;

/** Puts Google's helper on `dataLayer` and records a copy of the model each time an event is pushed. */
function watchModel(win: Window, dataLayer: unknown[]): Array<{ event: string; iadvize: unknown }> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- Google's helper, run on the page as its script tag would
  new Function('window', helperSource)(win);
  const Helper = (
    win as unknown as { DataLayerHelper: new (layer: unknown[], listener: (model: Model, message: Model) => void) => unknown }
  ).DataLayerHelper;
  const models: Array<{ event: string; iadvize: unknown }> = [];
  new Helper(dataLayer, (model, message) => {
    if (typeof message?.event === 'string') models.push(JSON.parse(JSON.stringify({ event: message.event, iadvize: model.iadvize })));
  });
  return models;
}

describe("gtm() under Google's data layer merge model", () => {
  it("each event's model holds that event's parameters and nothing of the events before it", () => {
    const { win, tag } = page({ adapters: [gtm({ events: EVENT_TYPES, includeIds: true })] });
    const dataLayer: unknown[] = [];
    Object.assign(win, { dataLayer });
    const models = watchModel(win, dataLayer);
    tag.fire('onChatStarted', { id: 42, startedBy: 'proactif', conversationId: '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa' });
    tag.fire('onOfferReceived', { name: 'Free shipping', url: 'https://shop.example/offer' });
    tag.fire('onStatusChanged', { offline: 0, busy: 1 });
    tag.fire('onLinkReceived', { name: 'Guide', url: 'https://shop.example/guide', push: 1 });
    tag.fire('onChatEnded', { id: 42 });
    tag.fire('onCallStarted', null);

    const pushed = dataLayer.filter((entry): entry is { event: string; iadvize: unknown } => typeof (entry as Model).event === 'string');
    expect(models.map((model) => model.event)).toEqual([
      'chat_started',
      'chat_offer_received',
      'chat_availability_changed',
      'chat_link_received',
      'chat_ended',
      'chat_call_started',
    ]);
    models.forEach((model, i) => expect(model.iadvize).toEqual(pushed[i].iadvize));
    expect(models[4].iadvize).toEqual({ chat_id: '42', chat_duration_sec: 0 });
    expect(models[5].iadvize).toEqual({});
  });

  it('the model is live: without the reset, a previous event would linger (the reason for it)', () => {
    const dataLayer: unknown[] = [];
    const win = {} as Window;
    const models = watchModel(win, dataLayer);
    dataLayer.push({ event: 'chat_started', iadvize: { started_by: 'visitor', chat_channel: 'chat' } });
    dataLayer.push({ event: 'chat_ended', iadvize: { ended_by: 'operator' } });
    expect(models[1].iadvize).toEqual({ started_by: 'visitor', chat_channel: 'chat', ended_by: 'operator' });
  });
});
