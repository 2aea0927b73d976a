import { afterEach, describe, expect, it, vi } from 'vitest';
import { install, isConsentSource } from '../../src/index.js';
import { BARE_CONSENT, TOOL_CONSENT } from '../../src/consent/attribute.js';
import { tagFromScript } from '../../src/script-tag.js';
import { newPage, scripts } from '../plugins/iadvize-tag/tag-page.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe("data-consent with the consent tools' real sources (the full build)", () => {
  it.each([
    'tcf',
    'tcf:1,7',
    'gcm:analytics_storage,functionality_storage',
    'didomi:c:iadvize-AbC12',
    'onetrust:C0003',
    'axeptio:iadvize',
    'cookiebot:preferences',
    'tarteaucitron',
  ])('%s makes the source its tool needs', (value) => {
    expect(isConsentSource(TOOL_CONSENT.read(value, '1234'))).toBe(true);
  });

  it('a value its source refuses is unreadable (the tag held, said), never thrown into the page', () => {
    expect(TOOL_CONSENT.read('cookiebot:necessary', '1234')).toBeUndefined();
    expect(() => TOOL_CONSENT.read('tarteaucitron', 'not a site id')).not.toThrow();
  });
});

describe('data-consent in the default build', () => {
  it('alone holds the tag for tag.load(), as before', () => {
    expect(BARE_CONSENT.read('', '1234')).toBeInstanceOf(Promise);
  });

  it('naming a consent tool holds the tag and says, once, that the full build reads it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const win = newPage();
    const plugins = tagFromScript((name) => ({ 'data-sid': '1234', 'data-consent': 'tcf' })[name] ?? null, BARE_CONSENT);
    const bridge = install({ window: win, plugins }) as unknown as { tag: { status: string } };
    expect(bridge.tag.status).toBe('waiting-for-consent');
    expect(scripts(win)).toHaveLength(0);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toContain('data-consent="tcf" is not a value the bridge reads');
    expect(String(error.mock.calls[0][0])).toContain('needs iadvize-bridge.full.iife.min.js');
  });
});
