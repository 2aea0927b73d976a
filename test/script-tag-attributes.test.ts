import { afterEach, describe, expect, it, vi } from 'vitest';
import { ga4, gtm } from '../src/index.js';
import { optionsFromScript } from '../src/script-tag.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** What the console says of these attributes on the default build's script tag. */
function said(attributes: Record<string, string>): string[] {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  optionsFromScript((name) => attributes[name] ?? null, { ga4, gtm });
  const lines = error.mock.calls.map((call) => call.join(' '));
  error.mockRestore();
  return lines;
}

describe('a mistake in a script-tag attribute names the attribute and its accepted values', () => {
  it('data-analytics: the name that was meant, and the build that has the others', () => {
    expect(said({ 'data-analytics': 'GA4 gtm' })).toEqual([
      '[iadvize-bridge] data-analytics: unknown adapter "GA4": did you mean "ga4"? (accepted: ga4 gtm; the full build has every adapter)',
    ]);
    expect(said({ 'data-analytics': 'mixpanel' })[0]).toContain(
      'data-analytics: unknown adapter "mixpanel" (accepted: ga4 gtm; the full build has every adapter)',
    );
  });

  it.each(['data-debug', 'data-include-ids', 'data-persist'])('%s="on"', (name) => {
    expect(said({ [name]: 'on' })).toEqual([`[iadvize-bridge] ${name}="on" is not one of true, false, 1, 0, yes, no (or empty): left off`]);
  });
});
