import { readCapped } from '../http/read-capped.js';
import { isRedirect } from '../http/redirects.js';

/** How a call to iAdvize ended. `answer` is any non-redirect status with its whole body as text. */
export type UpstreamResult =
  | { kind: 'answer'; status: number; text: string }
  | { kind: 'redirected'; status: number; location: string | null }
  | { kind: 'unreachable' | 'broken' | 'timeout' | 'too-large' | 'client-gone' };

export interface UpstreamLimits {
  /** For the whole exchange: connection, headers and body. */
  timeoutMs: number;
  maxBytes: number;
  /** Fires when the visitor's request goes away: the call to iAdvize stops at once. */
  clientSignal?: AbortSignal;
}

/**
 * GET `url` without following redirects (they would carry the key to another host), within a
 * deadline and a byte cap. Never throws.
 */
export async function fetchUpstream(url: string, headers: Record<string, string>, limits: UpstreamLimits): Promise<UpstreamResult> {
  const { timeoutMs, maxBytes, clientSignal } = limits;
  if (clientSignal?.aborted) return { kind: 'client-gone' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const clientGone = () => controller.abort();
  clientSignal?.addEventListener('abort', clientGone, { once: true });
  const stopped = () => (timedOut ? { kind: 'timeout' as const } : { kind: 'client-gone' as const });
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
    } catch {
      return controller.signal.aborted ? stopped() : { kind: 'unreachable' };
    }
    if (isRedirect(response)) {
      controller.abort();
      return { kind: 'redirected', status: response.status, location: response.headers.get('location') };
    }
    if (Number(response.headers.get('content-length')) > maxBytes) {
      controller.abort();
      return { kind: 'too-large' };
    }
    const read = await readCapped(response.body, { maxBytes, signal: controller.signal });
    if (read.ok) return { kind: 'answer', status: response.status, text: new TextDecoder().decode(read.bytes) };
    controller.abort();
    if (read.reason === 'too-large') return { kind: 'too-large' };
    return read.reason === 'aborted' ? stopped() : { kind: 'broken' };
  } finally {
    clearTimeout(timer);
    clientSignal?.removeEventListener('abort', clientGone);
  }
}
