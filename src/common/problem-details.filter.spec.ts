import { QueryFailedError } from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';

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
