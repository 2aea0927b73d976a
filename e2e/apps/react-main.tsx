import { install } from 'iadvize-bridge';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { newCounts, optionsFor } from './chat-page.js';
import { countSubscriptions } from './count-subscriptions.js';
import { app } from './react-app.js';

const counts = newCounts();
// ?count: the bridge exists before the app (a script tag installed it), counted from the start.
const subscriptions = location.search.includes('count') ? countSubscriptions(install()) : undefined;
const container = document.getElementById('root')!;
let root: Root;
if (container.hasChildNodes()) root = hydrateRoot(container, app(optionsFor(counts), counts));
else (root = createRoot(container)).render(app(optionsFor(counts), counts));

Object.assign(window, {
  counts,
  subscriptions,
  /** What a hot reload does: the tree unmounted, then mounted again with options made anew. */
  remount() {
    root.unmount();
    (root = createRoot(container)).render(app(optionsFor(counts), counts));
  },
});
