/** Marks a stand-in of the tag that must not see the page's query string (a boxed tag): navigate() gives it the path only. */
export const PATH_ONLY = Symbol.for('iadvize-bridge.path-only');

/**
 * Calls `onChange(url)` when an SPA changes the URL path (or query) through `history.pushState`,
 * `history.replaceState` or the back/forward buttons, once per distinct URL. Returns the stop function.
 * The hash is ignored: in-page anchors are not route changes.
 */
export function watchUrl(win: Window, onChange: (url: string) => void): () => void {
  const { history } = win;
  const current = (): string => win.location.pathname + win.location.search;
  let last = current();
  let active = true;

  const check = (): void => {
    const url = current();
    if (!active || url === last) return;
    last = url;
    onChange(url);
  };

  function patch(method: 'pushState' | 'replaceState'): () => void {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied below to the history object it came from
    const original = history[method];
    const patched = function (this: History, ...args: Parameters<History['pushState']>): void {
      original.apply(this, args);
      check();
    };
    history[method] = patched;
    // Another library may have wrapped us since: removing ourselves would cut its chain, so we only go quiet.
    return () => {
      if (history[method] === patched) history[method] = original;
    };
  }

  const restore = [patch('pushState'), patch('replaceState')];
  win.addEventListener('popstate', check);
  return () => {
    active = false;
    restore.forEach((undo) => undo());
    win.removeEventListener('popstate', check);
  };
}
