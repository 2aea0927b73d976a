import type { Frame, Page } from 'playwright';
import { iframeElement } from './boxed-pages.js';

/** What reading the pages gives: the host's GA4 events, state and counters, the tag's record in the iframe. */

/** The GA4 events gtag received on the host: `[name, params]`. */
export const ga4Events = (page: Page) =>
  page.evaluate(() =>
    ((window as any).dataLayer as ArrayLike<unknown>[])
      .map((entry) => Array.from(entry))
      .filter((entry) => entry[0] === 'event')
      .map((entry) => [entry[1], entry[2]] as [string, Record<string, unknown>]),
  );

/** The types of the events the host's bridge emitted (window.recorded). */
export const hostEvents = (page: Page) =>
  page.evaluate(() => ((window as any).recorded ?? []).map((entry: { type: string }) => entry.type) as string[]);

export const hostChat = (page: Page) => page.evaluate(() => (window as any).IAdvizeBridge.bridge.state.chat);

/** `bridge.boxed` on the host: `{ connected, relayed, ignored }`. */
export const boxedCounters = (page: Page) =>
  page.evaluate(() => ({ ...(window as any).IAdvizeBridge.bridge.boxed }) as { connected: boolean; relayed: number; ignored: number });

/** Waits until the host's bridge and the relay have shaken hands. */
export const connected = (page: Page) =>
  page.waitForFunction(() => (window as any).IAdvizeBridge?.bridge?.boxed?.connected === true, undefined, { timeout: 5_000 });

/** Waits until the simulated tag in the iframe has loaded. */
export const tagLoaded = (frame: Frame) => frame.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded === true);

/**
 * What the simulated tag in the iframe recorded: navigations, sets, transactions, activations, config,
 * the names of the callbacks it made (their arguments may be hostile) and how many errors it caught.
 */
export const tagSeen = (frame: Frame) =>
  frame.evaluate(() => {
    const { callbacks, errors, sdkCalls: _calls, ...rest } = (window as any).iAdvizeSimulator.seen;
    return {
      ...JSON.parse(JSON.stringify(rest)),
      callbacks: callbacks.map((call: { name: string }) => call.name) as string[],
      errors: errors.map(String) as string[],
    };
  });

/** Plays a chat in the iframe: the tag starts it, the operator answers, then after `ms` the tag ends it. */
export async function playChat(frame: Frame, ms = 0): Promise<void> {
  await frame.evaluate(() => {
    const tag = (window as any).iAdvizeSimulator;
    tag.startChat('visitor');
    tag.visitorSays('hello');
    tag.operatorSays('Hi, how can I help?');
  });
  if (ms) await frame.waitForTimeout(ms);
  await frame.evaluate(() => (window as any).iAdvizeSimulator.endChat('visitor'));
}

/** Adds the host's bridge script tag late, with its attributes, as a tag manager would. */
export const addBridge = (page: Page, attributes: Record<string, string>) =>
  page.evaluate(
    (attributes) =>
      new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
        script.src = '/dist/iadvize-bridge.full.iife.min.js';
        // The recorder of record.js, at once: the relay's held callbacks may come in the next task.
        script.onload = () => {
          const w = window as any;
          w.recorded = [];
          w.IAdvizeBridge.bridge.on('*', (event: any) => w.recorded.push({ type: event.type, payload: JSON.parse(JSON.stringify(event)) }));
          resolve();
        };
        script.onerror = () => reject(new Error('the bridge did not load'));
        document.head.append(script);
      }),
    attributes,
  );

/** Adds the boxed iframe late, as the boxed-tag README's host snippet does (`chat()` then waits for its page). */
export const addIframe = (page: Page) => page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), iframeElement());

/** Every message the iframe's page received: `{ origin, fromParent, data }`. */
export const receivedInIframe = (frame: Frame) =>
  frame.evaluate(() => (window as any).received as Array<{ origin: string; fromParent: boolean; data: unknown }>);
