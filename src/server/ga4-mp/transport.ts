import type { MpEvent } from './events.js';
import { readCapped } from '../http/read-capped.js';
import { isRedirect } from '../http/redirects.js';

export interface MpTransport {
  /** The collection URL with `measurement_id` and `api_secret`: never logged, never in an error. */
  url: string;
  /** The validation server: its answer lists what Google would have dropped. */
  validate: boolean;
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
}

/** What Google's validation server says of a request (`/debug/mp/collect`). */
interface ValidationMessage {
  fieldPath?: string;
  description?: string;
  validationCode?: string;
}

/** The only consent the Measurement Protocol carries. */
export interface MpConsent {
  ad_user_data: 'GRANTED' | 'DENIED';
  ad_personalization: 'GRANTED' | 'DENIED';
}

export type MpResult = { ok: true; messages: ValidationMessage[] } | { ok: false; reason: string };
/** `retryAfterMs`: how long Google asked to wait (`Retry-After`), when it did. */
type Attempt = MpResult & { retry?: boolean; retryAfterMs?: number };

/** The longest wait between attempts, and the longest `Retry-After` waited for: past it the event fails now, and iAdvize's own retry comes later. */
const MAX_RETRY_AFTER_MS = 30_000;
/**
 * All attempts for one delivery end within this: iAdvize retries a webhook 10 s and 30 s after its
 * first attempt, and a delivery still running then holds its claim, so the last retry would be
 * answered 409 and the event lost. An attempt that could not end in time is not started.
 */
const SEND_BUDGET_MS = 20_000;

/** `Retry-After` in seconds or as an HTTP date, in ms from now; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const at = /^\d+$/.test(header.trim()) ? now + Number(header.trim()) * 1000 : Date.parse(header);
  return isNaN(at) ? undefined : Math.max(0, at - now);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function validationMessages(response: Response): Promise<ValidationMessage[]> {
  const read = await readCapped(response.body, { maxBytes: 64 * 1024 });
  try {
    const messages: unknown = read.ok
      ? (JSON.parse(new TextDecoder().decode(read.bytes)) as { validationMessages?: unknown }).validationMessages
      : undefined;
    return Array.isArray(messages)
      ? messages.filter((message): message is ValidationMessage => typeof message === 'object' && message !== null)
      : [];
  } catch {
    return [{ description: 'the validation server did not answer JSON' }];
  }
}

async function attempt(transport: MpTransport, body: string): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), transport.timeoutMs);
  try {
    // Redirects are not followed: the URL carries the API secret.
    const response = await fetch(transport.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      redirect: 'manual',
      signal: controller.signal,
    });
    if (response.status >= 200 && response.status < 300) {
      if (transport.validate) return { ok: true, messages: await validationMessages(response) };
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, messages: [] };
    }
    await response.body?.cancel().catch(() => undefined);
    const redirected = isRedirect(response);
    const retry = response.status >= 500 || response.status === 429;
    const reason = redirected ? `answered ${response.status || 'a redirect'}, not followed` : `answered ${response.status}`;
    return { ok: false, reason, retry, retryAfterMs: retry ? retryAfterMs(response.headers.get('retry-after')) : undefined };
  } catch {
    return {
      ok: false,
      reason: controller.signal.aborted ? `did not answer within ${transport.timeoutMs} ms` : 'was unreachable',
      retry: true,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One Measurement Protocol request for one client id and its consent (Google takes at most 25 events per request),
 * tried again on 5xx, 429, timeouts and network failures after `retryDelayMs`, then twice that, and
 * so on, or after Google's `Retry-After` when it is longer: at most `retries + 1` requests, all ended
 * within `SEND_BUDGET_MS`. Google answers 2xx even to a payload it drops: only the validation server says why.
 */
export async function sendMp(
  transport: MpTransport,
  visitor: { clientId: string; consent: MpConsent },
  events: MpEvent[],
  onAttempt: () => void,
): Promise<MpResult> {
  const body = JSON.stringify({ client_id: visitor.clientId, consent: visitor.consent, events });
  const started = Date.now();
  for (let tries = 0; ; tries++) {
    onAttempt();
    const result = await attempt(transport, body);
    const pause = result.ok ? 0 : Math.max(Math.min(transport.retryDelayMs * 2 ** tries, MAX_RETRY_AFTER_MS), result.retryAfterMs ?? 0);
    const late = Date.now() + pause + transport.timeoutMs - started > SEND_BUDGET_MS;
    if (result.ok || !result.retry || tries >= transport.retries || late) {
      if (result.ok) return result;
      const waitAsked = late ? `; another attempt would end past ${SEND_BUDGET_MS / 1000} s, after iAdvize's last retry: not tried` : '';
      return { ok: false, reason: `the GA4 collection endpoint ${result.reason}${tries ? ` (${tries + 1} attempts)` : ''}${waitAsked}` };
    }
    await wait(pause);
  }
}
