import { warn } from '../http/log.js';
import { optionChecks } from '../http/options.js';

export interface HistoryHandlerOptions {
  /** The customer's secret iAdvize API key. It never leaves this server, and never goes to another host. */
  apiKey: string;
  /**
   * Whether this request may read the transcript of `chatId`: check the site's own session or token
   * (is this visitor logged in, and is this chat theirs?). Required: an origin check is not
   * authentication, and chat ids are short, guessable numbers. `false` answers 403.
   */
  authorize: (request: Request, chatId: string) => boolean | Promise<boolean>;
  /**
   * Refuse requests without `visitorId` (400). Turn it on when every caller sends it (`fetchHistory`
   * does once it saw the chat start): then reading a chat also takes its visitor's id, which only that
   * visitor's browser knows. Default `false`: `visitorId` is checked when it is sent.
   */
  requireVisitorId?: boolean;
  /** `v2`: REST API (`/api/2/conversation.json-unicode/:id?formatHistory=0`, key in `X-API-Key`); `v1`: API 1.7 (`getHistoryByID`). Default `v2`. */
  api?: 'v2' | 'v1';
  /** The iAdvize platform: `sd` (sd.iadvize.com, the standard platform, formerly www) or `ha` (ha.iadvize.com). Default `sd`. */
  platform?: 'sd' | 'ha';
  /** Origins allowed to call from a browser (CORS), e.g. `['https://shop.example']`. Default `[]`: same-origin only. Not authentication. */
  allowedOrigins?: readonly string[];
  /** Time allowed for iAdvize's whole answer, headers and body. Default 8000 ms. */
  timeoutMs?: number;
  /** The most bytes read from iAdvize's answer; past it the request is aborted (502). Default 2 MB. */
  maxUpstreamBytes?: number;
  /** The most entries returned (the latest ones are kept). Default 1000. */
  maxEntries?: number;
  /** The most characters of one entry's text returned. Default 2000. */
  maxTextLength?: number;
  /** Overrides the iAdvize host: `https:` only, or `http://127.0.0.1` / `http://localhost` for tests. */
  baseUrl?: string;
  /** Where failures are logged (never with the key). Default `console.warn`. */
  log?: (message: string) => void;
}

export type HistorySettings = Required<Omit<HistoryHandlerOptions, 'baseUrl'>> & { base: string };

const HOSTS = { sd: 'https://sd.iadvize.com', ha: 'https://ha.iadvize.com' } as const;
const { fail, known, positive, fn, secureUrl } = optionChecks('createHistoryHandler');

export function historySettings(options: HistoryHandlerOptions): HistorySettings {
  known(
    options,
    Object.keys({
      apiKey: 1,
      authorize: 1,
      requireVisitorId: 1,
      api: 1,
      platform: 1,
      allowedOrigins: 1,
      timeoutMs: 1,
      maxUpstreamBytes: 1,
      maxEntries: 1,
      maxTextLength: 1,
      baseUrl: 1,
      log: 1,
    } satisfies Record<keyof HistoryHandlerOptions, 1>),
  );
  const { apiKey, api = 'v2', platform = 'sd', allowedOrigins = [], authorize } = options;
  if (typeof apiKey !== 'string' || !apiKey.trim()) fail('`apiKey` must be a non-empty string');
  if (typeof authorize !== 'function') {
    fail(
      "`authorize(request, chatId)` is required: check the visitor's own session or token and return true only for their chats. " +
        'Chat ids are short numbers anyone can enumerate, and an Origin check is not authentication (any script or server can send any Origin).',
    );
  }
  if (api !== 'v1' && api !== 'v2') fail("`api` must be 'v2' or 'v1'");
  if (platform !== 'sd' && platform !== 'ha') fail("`platform` must be 'sd' or 'ha'");
  if (!Array.isArray(allowedOrigins) || allowedOrigins.some((origin) => typeof origin !== 'string')) {
    fail('`allowedOrigins` must be an array of origins (use [] to allow same-origin requests only)');
  }
  positive(options.timeoutMs, 'timeoutMs');
  positive(options.maxUpstreamBytes, 'maxUpstreamBytes', true);
  positive(options.maxEntries, 'maxEntries', true);
  positive(options.maxTextLength, 'maxTextLength', true);
  fn(options.log, 'log');
  if (options.requireVisitorId !== undefined && typeof options.requireVisitorId !== 'boolean') fail('`requireVisitorId` must be a boolean');
  return {
    apiKey,
    authorize,
    requireVisitorId: options.requireVisitorId ?? false,
    api,
    platform,
    allowedOrigins,
    timeoutMs: options.timeoutMs ?? 8000,
    maxUpstreamBytes: options.maxUpstreamBytes ?? 2 * 1024 * 1024,
    maxEntries: options.maxEntries ?? 1000,
    maxTextLength: options.maxTextLength ?? 2000,
    base: options.baseUrl === undefined ? HOSTS[platform] : secureUrl(options.baseUrl, 'baseUrl'),
    log: options.log ?? warn,
  };
}
