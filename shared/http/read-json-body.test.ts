import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { readJsonBody } from './read-json-body.js';

const schema = z.strictObject({ pharmacyId: z.string().min(1), full: z.boolean().default(false) });

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('readJsonBody', () => {
  it('parses the raw bytes when the framework kept them', () => {
    const req = { headers: {}, rawBody: Buffer.from('{"pharmacyId":"ph_1"}'), body: { ignored: true } };
    expect(readJsonBody(req, schema)).toEqual({ pharmacyId: 'ph_1', full: false });
  });

  it('falls back to an already parsed body', () => {
    expect(readJsonBody({ headers: {}, body: { pharmacyId: 'ph_2', full: true } }, schema)).toEqual({
      pharmacyId: 'ph_2',
      full: true,
    });
  });

  it('answers bad_json without quoting the body when the bytes do not parse', () => {
    const err = failure(() => readJsonBody({ headers: {}, rawBody: Buffer.from('{"pharmacyId": Smith') }, schema));
    expect(err.code).toBe('bad_json');
    expect(err.message).toBe('body is not valid JSON');
    expect(err.status).toBe(400);
  });

  it.each([
    [{}, 'pharmacyId: required'],
    [{ pharmacyId: 'x', full: 'yes' }, 'full: expected boolean'],
    [{ pharmacyId: 'x', extra: 1 }, '(body): unknown field extra'],
    [[], '(body): expected object'],
  ])('names the field and rule for %j', (body, problem) => {
    const err = failure(() => readJsonBody({ headers: {}, rawBody: Buffer.from(JSON.stringify(body)) }, schema));
    expect(err.code).toBe('invalid_body');
    expect(err.message).toContain(problem);
  });

  it('treats an empty body as an empty object', () => {
    const err = failure(() => readJsonBody({ headers: {}, rawBody: Buffer.alloc(0) }, schema));
    expect(err.message).toBe('pharmacyId: required');
  });
});
