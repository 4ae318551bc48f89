import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { databaseUnavailable } from './database-unavailable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('databaseUnavailable', () => {
  it.each([
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['dropped connection', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a query on a dropped client', new Error('Client has encountered a connection error and is not queryable')],
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['starting up', withCode('the database system is starting up', '57P03')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['connection failure', withCode('connection failure', '08006')],
  ])('recognises %s as a retryable database_unavailable', (_name, err) => {
    const mapped = databaseUnavailable(err);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped?.kind).toBe('retryable');
    expect(mapped?.code).toBe('database_unavailable');
    expect(mapped?.status).toBe(503);
    expect(mapped?.cause).toBe(err);
  });

  it.each([
    ['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a serialization failure (a conflict, not an outage)', withCode('could not serialize access', '40001')],
    ['a syntax error', withCode('syntax error at or near', '42601')],
    ['a plain bug', new TypeError('x is undefined')],
    ['a message that only contains the words', new Error('user said: timeout exceeded when trying to connect, twice')],
    ['not an Error', { code: 'ECONNREFUSED' }],
  ])('leaves %s alone', (_name, err) => {
    expect(databaseUnavailable(err)).toBeUndefined();
  });
});
