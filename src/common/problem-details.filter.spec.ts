import { QueryFailedError } from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';
import { badRequest, conflict, unprocessable } from './problem';

const pgError = (code: string) => new QueryFailedError('UPDATE x', [], Object.assign(new Error('pg'), { code }));

describe('ProblemDetailsFilter.toProblem for PostgreSQL errors', () => {
  const filter = new ProblemDetailsFilter();

  it.each([
    ['22021', 'invalid-value'], // invalid byte sequence: a NUL in text
    ['22P05', 'invalid-value'], // untranslatable character: a NUL escape in jsonb
    ['23502', 'missing-value'], // not-null violation: an explicit null slipped through
  ])('answers %s as a 400 %s problem, not a 500', (code, slug) => {
    expect(filter.toProblem(pgError(code))).toMatchObject({ status: 400, type: `https://beamtime.example/problems/${slug}`, title: 'Bad Request' });
  });

  it('still answers an unknown database error with a 500', () => {
    expect(filter.toProblem(pgError('XX000'))).toMatchObject({ status: 500, detail: 'An unexpected error occurred' });
  });
});

describe('ProblemDetailsFilter.toProblem for a service refusal that names a field', () => {
  const filter = new ProblemDetailsFilter();

  it('lists the field under `errors`, as a DTO validation error does', () => {
    const problem = filter.toProblem(unprocessable('unknown-country', 'XX is not an ISO 3166-1 alpha-2 country code', { field: 'countryCode' }));
    expect(problem).toMatchObject({
      status: 422,
      field: 'countryCode',
      errors: [{ field: 'countryCode', messages: ['XX is not an ISO 3166-1 alpha-2 country code'] }],
    });
  });

  it('keeps errors the service gave itself, and adds none to a refusal without a field', () => {
    const given = [{ field: 'to', messages: ['at most 93 days after from'] }];
    expect(filter.toProblem(badRequest('invalid-range', 'too long', { field: 'to', errors: given })).errors).toEqual(given);
    expect(filter.toProblem(conflict('duplicate', 'exists')).errors).toBeUndefined();
  });
});

describe('ProblemDetailsFilter.toProblem while the database is away', () => {
  const filter = new ProblemDetailsFilter();

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a session cut mid-query', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
    ['a server shutting down', pgError('57P01')],
    ['a server still recovering', pgError('57P03')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a statement cancelled by statement_timeout', pgError('57014')],
  ])('answers %s with 503 database-unavailable, not a 500', (_, error) => {
    expect(filter.toProblem(error)).toMatchObject({ status: 503, type: 'https://beamtime.example/problems/database-unavailable', retryAfterSeconds: 5 });
  });
});
