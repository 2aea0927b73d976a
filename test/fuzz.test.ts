import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CALLBACKS, type BridgeEvent, type CallbackName } from '../src/index.js';
import { CALLBACK_NAMES } from './fake-tag.js';
import { bareWindow, page } from './helpers.js';

// Seeded so a failure in CI replays exactly here; override with FUZZ_SEED to explore.
const seed = Number(process.env.FUZZ_SEED ?? 20261122);

const BOOLEAN_FIELDS = new Set(['offline', 'busy', 'pushed', 'resumed']);
const NUMBER_FIELDS = new Set(['at', 'durationMs']);

/** What the tag might send: documented keys with any value, hostile keys, throwing getters. */
const hostileObject = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom('id', 'msg', 'time', 'date', 'offline', 'busy', 'startedBy', 'endedBy', 'name', 'url', 'push',
        'operatorId', 'historyId', 'label', 'vuid', 'conversationId', 'operator', '__proto__', 'constructor', 'prototype'),
      fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
    ),
    fc.boolean(),
  )
  .map(([fields, throwingGetter]) => {
    const raw = JSON.parse(JSON.stringify(fields, (_k, v) => (typeof v === 'bigint' ? 0 : v)) ?? '{}') as Record<string, unknown>;
    if (throwingGetter) Object.defineProperty(raw, 'msg', { get: () => { throw new Error('getter'); }, enumerable: true });
    return raw;
  });

const argument = fc.oneof(fc.anything(), hostileObject, fc.constant(undefined), fc.constant(null));
const call = fc.tuple(fc.constantFrom(...CALLBACK_NAMES), fc.array(argument, { maxLength: 2 }));

function checkEventShape(event: BridgeEvent, name: CallbackName): void {
  expect(event.type).toBe(CALLBACKS[name]);
  for (const [key, value] of Object.entries(event)) {
    if (key === 'type' || key === 'raw') continue;
    const expected = BOOLEAN_FIELDS.has(key) ? 'boolean' : NUMBER_FIELDS.has(key) ? 'number' : 'string';
    expect(typeof value, `${event.type}.${key}`).toBe(expected);
  }
}

// The suite promises at least 10,000 generated payloads per run; this counts them.
let payloadsFired = 0;
afterAll(() => {
  expect(payloadsFired).toBeGreaterThanOrEqual(10_000);
  console.log(`fuzz: ${payloadsFired} generated payloads (seed ${seed})`);
});

describe('any input from the tag (property-based)', () => {
  it('never throws into the tag, never pollutes prototypes, emits one well-typed event per call', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 12 }), (calls) => {
        const errors: unknown[] = [];
        const { bridge, tag, events } = page({ win: bareWindow(), onError: (error) => errors.push(error) });
        let neighbour = 0;
        bridge.on('*', () => {
          throw new Error('listener bug');
        });
        bridge.on('*', () => neighbour++);
        for (const [name, args] of calls) {
          expect(() => tag.fire(name, ...args)).not.toThrow();
          payloadsFired++;
        }
        expect(events).toHaveLength(calls.length);
        expect(neighbour).toBe(calls.length);
        expect(errors).toHaveLength(calls.length);
        events.forEach((event, i) => checkEventShape(event, calls[i]![0]));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.keys(Object.prototype)).toEqual([]);

        const { chat, call: callState, availability, cobrowsing } = bridge.state;
        expect(Number.isInteger(chat.messagesSent) && chat.messagesSent >= 0).toBe(true);
        expect(Number.isInteger(chat.messagesReceived) && chat.messagesReceived >= 0).toBe(true);
        expect(chat.messagesSent).toBeLessThanOrEqual(events.filter((e) => e.type === 'message:sent').length);
        expect(typeof chat.active).toBe('boolean');
        expect(typeof callState.active).toBe('boolean');
        expect(typeof cobrowsing).toBe('boolean');
        for (const value of [availability.chat.offline, availability.chat.busy, availability.call.offline]) {
          expect(value === undefined || typeof value === 'boolean').toBe(true);
        }
        const lastChatEvent = [...events].reverse().find((e) => e.type === 'chat:started' || e.type === 'chat:ended');
        expect(chat.active).toBe(lastChatEvent?.type === 'chat:started');
      }),
      { seed, numRuns: 1500 },
    );
  }, 60_000);

  it('survives prototype-polluting payloads parsed from JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALLBACK_NAMES), fc.jsonValue(), (name, value) => {
        const { tag, events } = page({ win: bareWindow(), onError: () => {} });
        const raw = JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "id": ${JSON.stringify(value)}}`);
        tag.fire(name, raw);
        payloadsFired++;
        expect(events).toHaveLength(1);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed, numRuns: 2000 },
    );
  }, 60_000);
});
