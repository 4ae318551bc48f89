import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, jsonHash, stableJson } from './content-hash.js';

describe('stableJson', () => {
  it.each([
    ['sorts keys at every depth', { b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } }, '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}'],
    ['writes Dates as ISO strings', { at: new Date('2026-01-02T03:04:05.678Z') }, '{"at":"2026-01-02T03:04:05.678Z"}'],
    ['drops undefined object fields like JSON does', { a: undefined, b: null }, '{"b":null}'],
    ['keeps undefined array items as null', [undefined, 1], '[null,1]'],
    ['escapes strings', { 'k"': 'a\nb' }, '{"k\\"":"a\\nb"}'],
    ['writes non-finite numbers as null', [Number.NaN, Infinity], '[null,null]'],
    ['writes primitives', [true, false, 0, -1.5, 'x'], '[true,false,0,-1.5,"x"]'],
  ])('%s', (_name, value, expected) => {
    expect(stableJson(value)).toBe(expected);
  });

  it('agrees with JSON.stringify on already-sorted plain data', () => {
    const value = { a: [1, 'two', null, { b: true, c: 3.25 }], d: 'é' };
    expect(stableJson(value)).toBe(JSON.stringify(value));
  });
});

describe('contentHash', () => {
  it('is the sha256 hex of the stable JSON', () => {
    const expected = createHash('sha256').update('{"a":1,"b":2}').digest('hex');
    expect(contentHash({ b: 2, a: 1 })).toBe(expected);
  });

  it('is equal for the same content in a different key order', () => {
    expect(contentHash({ x: 1, y: [1, 2] })).toBe(contentHash({ y: [1, 2], x: 1 }));
  });

  it.each([
    ['a changed value', { x: 1 }, { x: 2 }],
    ['a changed type', { x: 1 }, { x: '1' }],
    ['a reordered array', { x: [1, 2] }, { x: [2, 1] }],
    ['an added key', { x: 1 }, { x: 1, y: null }],
    ['a moved date', { at: new Date(0) }, { at: new Date(1) }],
  ])('differs for %s', (_name, a, b) => {
    expect(contentHash(a)).not.toBe(contentHash(b));
  });
});

describe('jsonHash', () => {
  it('is the sha256 hex of the version followed by the plain JSON', () => {
    const expected = createHash('sha256').update('v1:{"b":2,"a":[1,null]}').digest('hex');
    expect(jsonHash('v1:', { b: 2, a: [1, null] })).toBe(expected);
  });

  it('is equal for an equal record, even a deep copy', () => {
    const wire = { id: 1, doctor: { npi: '1234567893' }, fills: [{ id: 2 }] };
    expect(jsonHash('v1:', structuredClone(wire))).toBe(jsonHash('v1:', wire));
  });

  it.each([
    ['a changed value', { x: 1 }, { x: 2 }],
    ['a changed type', { x: 1 }, { x: '1' }],
    ['an added key', { x: 1 }, { x: 1, y: null }],
    ['a changed nested value', { x: { y: [1] } }, { x: { y: [2] } }],
  ])('differs for %s', (_name, a, b) => {
    expect(jsonHash('v1:', a)).not.toBe(jsonHash('v1:', b));
  });

  it('differs between mapping versions, so a version bump rewrites stored rows', () => {
    expect(jsonHash('v2:', { x: 1 })).not.toBe(jsonHash('v1:', { x: 1 }));
  });
});
