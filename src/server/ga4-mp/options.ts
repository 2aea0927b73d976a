import { eventNameProblem } from '../../shared/ga4-rules.js';
import { GA4_WEBHOOK_EVENTS, type Ga4WebhookEvent, type Ga4WebhookEventType } from './events.js';
import type { MpTransport } from './transport.js';
import { orderIdCheck } from './order-id.js';
import { warn } from '../http/log.js';
import { optionChecks } from '../http/options.js';

export interface Ga4MeasurementProtocolOptions {
  /** The GA4 web stream's measurement id, `G-XXXXXXXXXX`. */
  measurementId: string;
  /** A Measurement Protocol API secret of that stream (Admin > Data streams > the stream > Measurement Protocol API secrets). Server-side only. */
  apiSecret: string;
  /**
   * The GA4 client id of the visitor behind an event, e.g. `linkedClientId(store)`; may return a
   * promise. `undefined` skips the event (counted in `stats.skippedNoClientId`): an id is never invented.
   */
  clientId: (event: Ga4WebhookEvent) => string | undefined | Promise<string | undefined>;
  /** Default `https://www.google-analytics.com/mp/collect`; another host (`https:`, or `http:` on 127.0.0.1), path ending in `/mp/collect`. */
  endpoint?: string;
  /** ISO 4217 code of iAdvize's `amount` (`'EUR'`). Required while `transaction.attributed` is forwarded: GA4 ignores a value without one. */
  currency?: string;
  /**
   * What the site's order ids look like (the whole `externalId` must match), for `transaction_id`. By
   * default an `externalId` holding an email, 8 or more digits or a token is not sent.
   */
  orderIdPattern?: RegExp;
  /** Another GA4 name per event type, or `false` to leave that type out. Names follow GA4's rules (checked now). */
  events?: { [K in Ga4WebhookEventType]?: string | false };
  /** Send to Google's validation server (`/debug/mp/collect`) instead: nothing is recorded, its messages are logged and counted. */
  validate?: boolean;
  /** How long events of one client id wait for others to share a request (at most 25). Default 0: those of the same moment. */
  batchMs?: number;
  /** Attempts after the first on 5xx, 429, timeouts and network failures: each event is in at most `retries + 1` requests per delivery. Default 2. */
  retries?: number;
  /** The wait before the first retry, doubled each time. Default 500 ms. */
  retryDelayMs?: number;
  /** Per request. Default 5000 ms. */
  timeoutMs?: number;
  /** Where failures and validation messages go (never with the API secret). Default `console.warn`. */
  log?: (message: string) => void;
}

export interface Ga4Settings {
  apiSecret: string;
  clientId: Ga4MeasurementProtocolOptions['clientId'];
  currency: string | undefined;
  isOrderId: (externalId: string) => boolean;
  /** Whether `isOrderId` is the site's `orderIdPattern`. */
  ownPattern: boolean;
  names: { [K in Ga4WebhookEventType]?: string };
  batchMs: number;
  transport: MpTransport;
  log: (message: string) => void;
}

const { fail, known, positive, fn, secureUrl } = optionChecks('ga4MeasurementProtocol');

function eventNames(events: Ga4MeasurementProtocolOptions['events'] = {}): Ga4Settings['names'] {
  const names: Ga4Settings['names'] = {};
  for (const type of Object.keys(GA4_WEBHOOK_EVENTS) as Ga4WebhookEventType[]) {
    const chosen = events[type] ?? GA4_WEBHOOK_EVENTS[type];
    if (chosen === false) continue;
    const problem = eventNameProblem(chosen);
    if (problem) fail(`events['${type}']: ${problem}`);
    names[type] = chosen;
  }
  const unknown = Object.keys(events).filter((type) => !Object.prototype.hasOwnProperty.call(GA4_WEBHOOK_EVENTS, type));
  if (unknown.length) fail(`events: only ${Object.keys(GA4_WEBHOOK_EVENTS).join(', ')} are forwarded, not ${unknown.join(', ')}`);
  return names;
}

export function ga4Settings(options: Ga4MeasurementProtocolOptions): Ga4Settings {
  known(
    options,
    Object.keys({
      measurementId: 1,
      apiSecret: 1,
      clientId: 1,
      endpoint: 1,
      currency: 1,
      events: 1,
      validate: 1,
      batchMs: 1,
      retries: 1,
      retryDelayMs: 1,
      timeoutMs: 1,
      orderIdPattern: 1,
      log: 1,
    } satisfies Record<keyof Ga4MeasurementProtocolOptions, 1>),
  );
  const { measurementId, apiSecret, currency } = options;
  if (typeof measurementId !== 'string' || !/^G-[A-Z0-9]{4,20}$/.test(measurementId))
    fail('`measurementId` must be a GA4 measurement id, G-XXXXXXXXXX');
  if (typeof apiSecret !== 'string' || !apiSecret.trim())
    fail('`apiSecret` must be a Measurement Protocol API secret (a non-empty string)');
  if (typeof options.clientId !== 'function')
    fail('`clientId(event)` is required, e.g. linkedClientId(store): GA4 needs the client id of the visitor who chatted');
  const names = eventNames(options.events);
  if (currency !== undefined && (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)))
    fail('`currency` must be an ISO 4217 code such as EUR');
  if (currency === undefined && names['transaction.attributed']) {
    fail(
      "`currency` is required to forward transaction.attributed (iAdvize's amount comes without one); or set events: { 'transaction.attributed': false }",
    );
  }
  const endpoint = secureUrl(options.endpoint ?? 'https://www.google-analytics.com/mp/collect', 'endpoint');
  if (!/\/mp\/collect$/.test(endpoint)) fail('`endpoint` must end with /mp/collect');
  if (options.orderIdPattern !== undefined && !(options.orderIdPattern instanceof RegExp))
    fail('`orderIdPattern` must be a RegExp of your order ids, e.g. /^ORD-\\d{6}$/');
  positive(options.timeoutMs, 'timeoutMs');
  positive(options.retryDelayMs, 'retryDelayMs');
  const { retries = 2, batchMs = 0 } = options;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) fail('`retries` must be an integer from 0 to 10');
  if (typeof batchMs !== 'number' || !(batchMs >= 0 && batchMs <= 60_000)) fail('`batchMs` must be from 0 to 60000');
  fn(options.log, 'log');
  const base = options.validate ? endpoint.replace(/\/mp\/collect$/, '/debug/mp/collect') : endpoint;
  return {
    apiSecret,
    clientId: options.clientId,
    currency,
    isOrderId: orderIdCheck(options.orderIdPattern),
    ownPattern: options.orderIdPattern !== undefined,
    names,
    batchMs,
    transport: {
      url: `${base}?measurement_id=${encodeURIComponent(measurementId)}&api_secret=${encodeURIComponent(apiSecret)}`,
      validate: options.validate === true,
      retries,
      retryDelayMs: options.retryDelayMs ?? 500,
      timeoutMs: options.timeoutMs ?? 5000,
    },
    log: options.log ?? warn,
  };
}
