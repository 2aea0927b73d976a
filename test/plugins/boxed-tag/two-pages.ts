import { vi } from 'vitest';
import { newWindow } from '../../helpers.js';

export const HOST = 'https://www.shop.example';
export const CHAT = 'https://chat.shop.example';

type Post = { postMessage(data: unknown, targetOrigin: string): void };

/**
 * A host page with an iframe `#box` on CHAT, and the page inside it, joined by postMessage as a browser
 * joins them: each message is a structured clone, delivered later, only if its targetOrigin is the
 * receiver's, with `origin` and `source` set by the sender's side. `reload()` gives the iframe a new page
 * (its contentWindow stays the same object, as in a browser); `forge()` posts from a third frame.
 */
export function twoPages(hostUrl = `${HOST}/product`) {
  const host = newWindow(hostUrl);
  let frame = newWindow(`${CHAT}/box.html`);
  const element = host.document.createElement('iframe');
  element.id = 'box';
  host.document.body.appendChild(element);
  const toHost: unknown[] = [];
  const toFrame: unknown[] = [];
  const deliver = (to: () => Window, data: unknown, target: string, at: string, origin: string, source: unknown): void => {
    const copy = structuredClone(data);
    if (target !== '*' && target !== at) return;
    setTimeout(() => {
      const win = to() as Window & { MessageEvent: typeof MessageEvent };
      win.dispatchEvent(new win.MessageEvent('message', { data: copy, origin, source: source as Window }));
    }, 0);
  };
  const hostSide: Post = {
    postMessage: (data, target) => (toHost.push(data), deliver(() => host, data, target, HOST, CHAT, frameSide)),
  };
  const frameSide: Post = {
    postMessage: (data, target) => (toFrame.push(data), deliver(() => frame, data, target, CHAT, HOST, hostSide)),
  };
  const framed = (win: Window): Window => Object.defineProperty(win, 'parent', { configurable: true, get: () => hostSide });
  framed(frame);
  Object.defineProperty(element, 'contentWindow', { configurable: true, get: () => frameSide });
  return {
    host,
    get frame() {
      return frame;
    },
    element,
    toHost,
    toFrame,
    /** The iframe loads a new page: returns its window. */
    reload(): Window {
      frame = framed(newWindow(`${CHAT}/box.html`));
      return frame;
    },
    /** A message to the host from a frame that is not the iframe. */
    forge(data: unknown, origin = CHAT): void {
      deliver(() => host, data, '*', HOST, origin, { postMessage() {} });
    },
    /** A message to the host from the iframe itself (its page's own script, or iAdvize's). */
    fromFrame(data: unknown, origin = CHAT): void {
      deliver(() => host, data, '*', HOST, origin, frameSide);
    },
  };
}

/** Lets queued messages arrive (real or fake timers). */
export async function flush(): Promise<void> {
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(5);
  else for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
