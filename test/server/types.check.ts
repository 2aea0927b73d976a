// Checked by `npm run typecheck` (tsc), never run: the webhook types are part of the API.
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import {
  createLinkHandler,
  createWebhookHandler,
  ga4MeasurementProtocol,
  linkedClientId,
  memoryStore,
  redisStore,
  type KnownWebhookEvent,
  type WebhookEvent,
} from '../../src/server/index.js';

declare const event: WebhookEvent;

// `known` first, then `eventType` narrows to one documented payload.
if (event.known) {
  if (event.eventType === 'satisfaction.answered') {
    void (event.conversationId satisfies string);
    void (event.customerSatisfaction satisfies number | undefined);
    void (event.satisfactionComment satisfies string | undefined);
  }
  if (event.eventType === 'transaction.attributed') void (event.amount satisfies number);
  if (event.eventType === 'conversation.closed') void (event.conversationId satisfies number);
  // @ts-expect-error: not every event has an amount
  void event.amount;
  // @ts-expect-error: not a documented type
  if (event.eventType === 'satisfaction.filled') void 0;
} else {
  void (event.eventType satisfies string);
  void (event.anything satisfies unknown);
}

const pushed: KnownWebhookEvent<'v2.conversation.pushed'> = {
  known: true,
  eventType: 'v2.conversation.pushed',
  eventId: 'e',
  conversationId: 'c',
};
// @ts-expect-error: the required field of its type is missing
const incomplete: KnownWebhookEvent<'transaction.attributed'> = {
  known: true,
  eventType: 'transaction.attributed',
  eventId: 'e',
  conversationId: 'c',
  transactionId: 't',
};
void [pushed, incomplete];

// Both Redis clients are accepted as they come, without a cast.
async function stores() {
  const links = redisStore(await createClient().connect());
  const seen = redisStore(new Redis());
  createWebhookHandler({
    secret: ['new', 'old'],
    store: seen,
    onEvent: ga4MeasurementProtocol({ measurementId: 'G-X', apiSecret: 's', currency: 'EUR', clientId: linkedClientId(links) }),
  });
  createLinkHandler({ store: memoryStore(), authorize: (_request, link) => link.conversationId.length > 0 });
  // authorize may answer the visitor's session key; publicOrigin is one origin or several.
  createLinkHandler({ store: links, authorize: async () => 'session-id', publicOrigin: 'https://shop.example', linksPerSession: 10 });
  createLinkHandler({
    store: links,
    authorize: () => false,
    publicOrigin: ['https://shop.example', 'https://www.shop.example'],
    sessionWindowMs: 60_000,
  });
  redisStore(new Redis(), { timeoutMs: 500 });
  // @ts-expect-error: a session key is a string, not a number
  createLinkHandler({ store: links, authorize: () => 42 });
  // @ts-expect-error: authorize is required
  createLinkHandler({ store: links });
  // @ts-expect-error: names are per forwarded type only
  ga4MeasurementProtocol({ measurementId: 'G-X', apiSecret: 's', clientId: () => undefined, events: { 'user.created': 'x' } });
}
void stores;
