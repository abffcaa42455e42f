import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isTransientDatabaseError } from './transient-errors.js';

describe('isTransientDatabaseError', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an admin shutdown (server restart)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a cut connection', new Error('Connection terminated unexpectedly')],
    ['a transaction whose connection went', new QueryRunnerProviderAlreadyReleasedError()],
    ['a COMMIT after the connection went (the fault suite saw it as a 500)', new QueryRunnerAlreadyReleasedError()],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a serialization failure inside a TypeORM error', Object.assign(new Error('could not serialize access'), { driverError: { code: '40001', message: 'x' } })],
  ])('is true for %s', (_, err) => {
    expect(isTransientDatabaseError(err)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near'), { code: '42601' })],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
  ])('is false for %s', (_, err) => {
    expect(isTransientDatabaseError(err)).toBe(false);
  });
});
