import { describe, expect, it } from 'vitest';
import { checkKnownOptions, nearestName } from '../../src/shared/known-options.js';

describe('checkKnownOptions', () => {
  it('passes the known names, and an empty object', () => {
    expect(() => checkKnownOptions('f()', { a: 1, bb: 2 }, ['a', 'bb', 'c'])).not.toThrow();
    expect(() => checkKnownOptions('f()', {}, [])).not.toThrow();
  });

  it('names the unknown key and the name it meant: the same in another case first', () => {
    expect(() => checkKnownOptions('createHistoryHandler()', { requireVisitorID: true }, ['requireVisitorId', 'maxEntries'])).toThrow(
      new TypeError('iadvize-bridge createHistoryHandler(): unknown option `requireVisitorID`: did you mean `requireVisitorId`?'),
    );
    // Case wins over a nearer name of the same case.
    expect(nearestName('ID', ['id', 'IDs'])).toBe('id');
  });

  it('suggests a name within 2 edits, else lists the known ones', () => {
    expect(nearestName('includeId', ['events', 'includeIds'])).toBe('includeIds');
    expect(nearestName('cosnent', ['consent', 'events'])).toBe('consent');
    expect(nearestName('dataLayer', ['dataLayerName', 'id'])).toBeUndefined();
    expect(() => checkKnownOptions('gtm()', { dataLayer: 'dl' }, ['id', 'dataLayerName'])).toThrow(
      'unknown option `dataLayer` (known: id, dataLayerName)',
    );
    expect(() => checkKnownOptions('virtualAgent()', { x: 1 }, [])).toThrow('unknown option `x` (known: none)');
  });

  it('inherited keys count too (a typo on a shared defaults object), save what a script put on every object', () => {
    expect(() => checkKnownOptions('f()', Object.create({ inherited: 1 }), ['a'])).toThrow(
      'iadvize-bridge f(): unknown option `inherited`',
    );
    expect(() => checkKnownOptions('f()', { __proto__: { x: 1 } }, ['a'])).toThrow('unknown option `x`');
    expect(() => checkKnownOptions('f()', Object.create({ a: 1 }), ['a'])).not.toThrow();
    expect(() => checkKnownOptions('f()', JSON.parse('{"__proto__": 1}'), ['a'])).toThrow('unknown option `__proto__`');
    expect(() => checkKnownOptions('f()', [], ['a'])).toThrow('iadvize-bridge f(): takes an options object ({ ... }), got Array');
  });
});
