import { Logger } from '@nestjs/common';
import { QueryErrorLogger, statementHead } from './query-error-logger';

describe('QueryErrorLogger', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs the statement head and SQLSTATE of a failed query, never its parameters', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = Object.assign(new Error('duplicate key value violates unique constraint "patients_mrn_key"'), { code: '23505' });
    new QueryErrorLogger().logQueryError(error, 'INSERT INTO "patients"("first_name", "mrn") VALUES ($1, $2)', ['Aigerim', 'MRN-1']);
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0][0]);
    expect(line).toBe('query failed (23505): duplicate key value violates unique constraint "patients_mrn_key" [INSERT INTO "patients"("first_name",]');
    expect(line).not.toMatch(/Aigerim|MRN-1/);
  });

  it('keeps only the first three words of a statement', () => {
    expect(statementHead('  SELECT *\n  FROM courses WHERE id = $1')).toBe('SELECT * FROM');
  });
});
