import { afterEach, describe, expect, it, vi } from 'vitest';
import { custom, install } from '../../src/index.js';
import { loadTag, newWindow, page } from '../helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('code the library does not own never throws into the tag or the page', () => {
  it('a console wrapped by the site that throws: debug logging goes quiet, listeners, adapters and the tag go on', () => {
    vi.spyOn(console, 'info').mockImplementation(() => {
      throw new Error('log collector down');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {
      throw new Error('log collector down');
    });
    const win = newWindow();
    loadTag(win, 'late'); // a tag already there: install warns in debug mode
    const sent: string[] = [];
    const bridge = install({ window: win, debug: true, adapters: [custom((event) => sent.push(event.type))] });
    const heard: string[] = [];
    bridge.on('chat:started', (event) => heard.push(event.chatId));
    expect(() => loadTag(win, 'late').fire('onChatStarted', { id: 1 })).not.toThrow();
    expect(heard).toEqual(['1']);
    expect(sent).toEqual(['chat:started']);
  });

  it('destroy() inside a listener stops the delivery of that event to the other listeners and to adapters', () => {
    const sent: string[] = [];
    const { bridge, tag } = page({ adapters: [custom((event) => sent.push(event.type))] });
    const later = vi.fn();
    bridge.on('chat:started', () => bridge.destroy());
    bridge.on('chat:started', later);
    bridge.on('*', later);
    tag.fire('onChatStarted', { id: 1 });
    expect(later).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});
