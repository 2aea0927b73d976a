import type { PayloadGeneration } from './payloads.js';
import { createTagSimulator } from './simulator.js';

/**
 * Script-tag entry of the simulator: `<script src="iadvize-simulator.iife.js" data-lookup="boot"
 * data-payloads="2017" data-speed="0">` loads a simulated tag at once, as the real tag's script would,
 * and exposes it as `window.iAdvizeSimulator`. `?lookup=` and `?payloads=` in the page URL override.
 */
const script = document.currentScript;
const query = new URLSearchParams(location.search);
const setting = (name: string): string | undefined => query.get(name) ?? script?.getAttribute(`data-${name}`) ?? undefined;

export const simulator = createTagSimulator({
  lookup: setting('lookup') as 'late' | 'boot' | undefined,
  payloads: setting('payloads') as PayloadGeneration | undefined,
  speed: setting('speed') === undefined ? undefined : Number(setting('speed')),
});
(window as unknown as { iAdvizeSimulator: typeof simulator }).iAdvizeSimulator = simulator;
if (script?.getAttribute('data-manual') === null) simulator.load();

export { createTagSimulator };
