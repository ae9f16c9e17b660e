import { QueryFailedError } from 'typeorm';
import { isTransientFailure, sqlStateOf } from './transient-error';

const dbError = (code: string, message = 'refused') => new QueryFailedError('INSERT ...', [], Object.assign(new Error(message), { code }));

describe('isTransientFailure', () => {
  it.each(['08006', '40001', '40P01', '53300', '55P03', '57P01', '57014', '58030'])('SQLSTATE %s may pass on a later attempt', (code) => {
    expect(isTransientFailure(dbError(code))).toBe(true);
  });

  it.each(['23P01', '23505', '23514', '22P02', '42703', '55000'])('SQLSTATE %s fails the same way again', (code) => {
    expect(isTransientFailure(dbError(code))).toBe(false);
  });

  it('judges a database error by its code, not by words in its message', () => {
    expect(isTransientFailure(dbError('23514', 'statement timeout in trigger text'))).toBe(false);
  });

  it('treats a lost connection without a SQLSTATE as transient, any other error as not', () => {
    expect(isTransientFailure(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isTransientFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientFailure(new Error('Course has no fractions'))).toBe(false);
  });

  it('reads the SQLSTATE only from query failures', () => {
    expect(sqlStateOf(dbError('23P01'))).toBe('23P01');
    expect(sqlStateOf(Object.assign(new Error('x'), { code: '23P01' }))).toBeUndefined();
  });
});
