// Strings matching and not matching a regular expression (pure), for the simple expressions the
// sampler supports; null for the rest.
import { describe, expect, it } from 'vitest';
import { sampleRegExp } from '../../../../src/offline/analyse/regex-sample.js';

describe('sampleRegExp', () => {
  it.each([
    ['^[a-z]{2}-\\d{3}$', ''],
    ['^\\w+@\\w+\\.com$', 'i'],
    ['^(?:EUR|USD)$', ''],
    ['colou?r', ''],
    ['^[^0-9]+$', ''],
    ['^#[0-9a-f]{6}$', 'i'],
    ['^(\\d+\\.)+\\d+$', ''],
    ['^$', ''],
  ])('samples /%s/%s: the match matches and the other does not', (source, flags) => {
    const sample = sampleRegExp(source, flags);
    expect(sample).not.toBeNull();
    const regex = new RegExp(source, flags);
    expect(regex.test(sample!.matching)).toBe(true);
    if (sample!.nonMatching !== null) expect(regex.test(sample!.nonMatching)).toBe(false);
  });

  it('gives concrete strings', () => {
    expect(sampleRegExp('^[a-z]{2}-\\d{3}$', '')).toEqual({ matching: 'aa-111', nonMatching: '' });
    expect(sampleRegExp('^(?:EUR|USD)$', '')).toEqual({ matching: 'EUR', nonMatching: '' });
    // Everything matches an expression that accepts the empty string anywhere.
    expect(sampleRegExp('a*', '')).toEqual({ matching: 'a', nonMatching: null });
  });

  it('returns null for what it does not support, or for long samples', () => {
    expect(sampleRegExp('(a)\\1', '')).toBeNull();
    expect(sampleRegExp('^(?=a)a$', '')).toBeNull();
    expect(sampleRegExp('\\p{L}+', 'u')).toBeNull();
    expect(sampleRegExp('^a{100}$', '')).toBeNull();
    expect(sampleRegExp('(', '')).toBeNull();
  });
});
