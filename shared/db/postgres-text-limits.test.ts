import { describe, expect, it } from 'vitest';
import { jsonbAccepts, storableText } from './postgres-text-limits.js';

describe('storableText', () => {
  it('replaces NUL characters and leaves everything else as it was', () => {
    expect(storableText('a\0b\0')).toBe('a\uFFFDb\uFFFD');
    expect(storableText('plain "text" \\u0000 ü')).toBe('plain "text" \\u0000 ü');
  });
});

describe('jsonbAccepts', () => {
  it.each([
    ['plain JSON', '{"a":"b"}', true],
    ['ordinary unicode escapes', '{"a":"\\u00fc\\u20ac"}', true],
    ['a surrogate pair', '{"a":"\\ud83d\\ude00"}', true],
    ['an escaped backslash before u0000 (no escape)', '{"a":"\\\\u0000"}', true],
    ['\\u0000', '{"a":"x\\u0000y"}', false],
    ['\\u0000 after an escaped backslash', '{"a":"\\\\\\u0000"}', false],
    ['a lone high surrogate', '{"a":"\\ud83d"}', false],
    ['a high surrogate followed by text', '{"a":"\\ud83dx\\ude00"}', false],
    ['a lone low surrogate', '{"a":"\\ude00"}', false],
    ['two high surrogates', '{"a":"\\ud83d\\ud83d"}', false],
  ])('%s → %s', (_label, text, expected) => {
    expect(JSON.parse(text)).toBeDefined(); // every case is JSON that JavaScript accepts
    expect(jsonbAccepts(text)).toBe(expected);
  });
});
