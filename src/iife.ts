import { install as installOnWindow, type Bridge, type InstallOptions } from './install.js';

/**
 * Script-tag entry: installs itself as soon as it loads, because the callbacks object must
 * exist before the iAdvize tag runs. `data-debug` on the script tag turns debug on.
 */
const script = typeof document === 'undefined' ? null : document.currentScript;
const debugAttribute = script ? script.getAttribute('data-debug') : null;

export const bridge: Bridge = installOnWindow({ debug: debugAttribute !== null && debugAttribute !== 'false' });

/** Returns the bridge this script installed, adding the given adapters and options to it. */
export function install(options?: InstallOptions): Bridge {
  return installOnWindow(options);
}

export { CALLBACKS, EVENT_TYPES } from './events.js';
