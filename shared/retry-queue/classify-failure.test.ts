import { describe, expect, it } from 'vitest';
import { AppError, type ErrorKind } from '../errors/app-error.js';
import { classifyFailure } from './classify-failure.js';

describe('classifyFailure', () => {
  it.each<[ErrorKind, boolean]>([
    ['retryable', true],
    ['conflict', true],
    ['input', false],
    ['permanent', false],
    ['not_found', false],
    ['unauthorized', false],
  ])('an AppError of kind %s is transient: %s, and keeps its own message', (kind, transient) => {
    const c = classifyFailure(new AppError(kind, 'bad_payload', 'payload has no id'));
    expect(c).toEqual({ transient, code: 'bad_payload', text: 'payload has no id' });
  });

  it('treats an unknown error as transient and stores only its name, never its message', () => {
    const c = classifyFailure(new TypeError('cannot read name of patient Jane Roe'));
    expect(c).toEqual({ transient: true, code: 'internal', text: 'unexpected TypeError' });
  });

  it('keeps a safe driver code (a SQLSTATE) but not an unsafe one', () => {
    const pgError = Object.assign(new Error('value "Jane" violates …'), { code: '23505' });
    expect(classifyFailure(pgError)).toMatchObject({ code: '23505', text: 'unexpected Error (23505)' });
    const odd = Object.assign(new Error('x'), { code: 'has spaces; Jane' });
    expect(classifyFailure(odd)).toMatchObject({ code: 'internal', text: 'unexpected Error' });
    expect(classifyFailure('a thrown string')).toEqual({ transient: true, code: 'internal', text: 'unexpected Error' });
  });
});
