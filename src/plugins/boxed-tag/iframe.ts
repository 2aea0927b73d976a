import { fail } from '../../core/errors.js';

/**
 * The iframe `boxedTag()` was given, looked up at each use (a selector may match an iframe added later,
 * or a new one), with a mistake in it said at setup: not a CSS selector, or not an iframe.
 */
export function findIframe(win: Window, iframe: string | HTMLIFrameElement, scope: string) {
  const named = typeof iframe === 'string' ? `'${iframe}'` : 'the element';
  const element = (): HTMLIFrameElement | null =>
    typeof iframe === 'string' ? win.document.querySelector<HTMLIFrameElement>(iframe) : iframe;
  try {
    const found = element();
    if (found && found.nodeName !== 'IFRAME') fail(scope, `\`iframe\` ${named} is a ${found.nodeName}, not an iframe`);
  } catch (error) {
    if (error instanceof TypeError) throw error;
    fail(scope, `\`iframe\` ${named} is not a CSS selector`);
  }
  return { named, element, frame: (): Window | null => element()?.contentWindow ?? null };
}
