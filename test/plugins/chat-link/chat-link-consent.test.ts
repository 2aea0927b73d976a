import { describe, expect, it, vi } from 'vitest';
import { chatLink, install, type ChatLinkOptions } from '../../../src/index.js';
import type { ConsentState } from '../../../src/consent/source.js';
import { consentStandIn, loadTag, newWindow } from '../../helpers.js';

const CONVERSATION = '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa';
const START = { id: 4242, conversationId: CONVERSATION, vuid: 'vuid-1' };
const CLIENT = '1234567890.1700000000';

/** A page whose gtag answers the client id when `answer()` is called (as gtag.js does, later), with a beacon that records bodies. */
function shop(options: Partial<ChatLinkOptions>) {
  const win = newWindow();
  const gets: unknown[] = [];
  const waiting: Array<(value: unknown) => void> = [];
  Object.assign(win, {
    gtag: (...args: unknown[]) => {
      if (args[0] !== 'get') return;
      gets.push(args[1]);
      waiting.push(args[3] as (value: unknown) => void);
    },
  });
  const bodies: Promise<unknown>[] = [];
  Object.defineProperty(win.navigator, 'sendBeacon', {
    configurable: true,
    value: (_url: string, body: Blob) => (bodies.push(body.text().then((text): unknown => JSON.parse(text))), true),
  });
  const onError = vi.fn();
  install({
    window: win,
    onError,
    plugins: [chatLink({ endpoint: '/api/iadvize-link', measurementId: 'G-ABC123XYZ', consent: () => true, ...options })],
  });
  const answer = () => waiting.splice(0).forEach((callback) => callback(CLIENT));
  return { tag: loadTag(win, 'late'), gets, bodies, answer, onError };
}

describe('chatLink({ consent }) with a consent source', () => {
  it('granted: links, and the link records analytics granted', async () => {
    const { tag, answer, bodies } = shop({ consent: consentStandIn('granted').source });
    tag.fire('onChatStarted', START);
    answer();
    expect(await Promise.all(bodies)).toEqual([{ conversationId: CONVERSATION, clientId: CLIENT, consent: { analytics: 'GRANTED' } }]);
  });

  it.each<ConsentState>(['denied', 'undecided'])('%s: nothing is read from gtag, nothing is sent', (state) => {
    const { tag, gets, bodies, onError } = shop({ consent: consentStandIn(state).source });
    tag.fire('onChatStarted', START);
    expect([gets, bodies, onError.mock.calls]).toEqual([[], [], []]);
  });

  it('withdrawn before a chat starts: nothing; granted again, the next chat is linked', async () => {
    const { source, decide } = consentStandIn('granted');
    const { tag, gets, answer, bodies } = shop({ consent: source });
    decide('denied');
    tag.fire('onChatStarted', START);
    expect([gets, bodies]).toEqual([[], []]);
    decide('granted');
    const next = '5f0c8a52-2a4e-4c1b-9d3e-0000000000bb';
    tag.fire('onChatStarted', { ...START, id: 4243, conversationId: next });
    answer();
    expect(await Promise.all(bodies)).toEqual([expect.objectContaining({ conversationId: next })]);
  });

  it('withdrawn while gtag looks up the client id: nothing is sent', () => {
    const { source, decide } = consentStandIn('granted');
    const { tag, gets, answer, bodies } = shop({ consent: source });
    tag.fire('onChatStarted', START);
    decide('denied');
    answer();
    expect([gets, bodies]).toEqual([['G-ABC123XYZ'], []]);
  });

  it("records ad_user_data and ad_personalization from sources or functions: undecided is 'DENIED'", async () => {
    const { tag, answer, bodies } = shop({
      consent: consentStandIn('granted').source,
      adUserData: consentStandIn('granted').source,
      adPersonalization: consentStandIn('undecided').source,
    });
    tag.fire('onChatStarted', START);
    answer();
    const other = shop({ adUserData: () => false, adPersonalization: () => true });
    other.tag.fire('onChatStarted', START);
    other.answer();
    expect(await Promise.all([...bodies, ...other.bodies])).toEqual([
      {
        conversationId: CONVERSATION,
        clientId: CLIENT,
        consent: { analytics: 'GRANTED', ad_user_data: 'GRANTED', ad_personalization: 'DENIED' },
      },
      {
        conversationId: CONVERSATION,
        clientId: CLIENT,
        consent: { analytics: 'GRANTED', ad_user_data: 'DENIED', ad_personalization: 'GRANTED' },
      },
    ]);
  });
});
