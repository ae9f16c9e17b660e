import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isTransientFailure, sqlStateOf } from './transient-error';

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

describe('isDatabaseUnavailable', () => {
  it.each(['08006', '08001', '53300', '57P01', '57P02', '57P03'])('SQLSTATE %s is the server being away', (code) => {
    expect(isDatabaseUnavailable(dbError(code))).toBe(true);
  });

  it.each(['40001', '40P01', '55P03', '57014', '23P01', '23505', '22P02'])('SQLSTATE %s is an answer from a working server', (code) => {
    expect(isDatabaseUnavailable(dbError(code, 'Connection terminated in a trigger message'))).toBe(false);
  });

  it("recognises the pg driver's errors when nothing reached the server or the socket closed mid-query", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
  });

  it('leaves every other error alone', () => {
    expect(isDatabaseUnavailable(new Error('Course has no fractions'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
