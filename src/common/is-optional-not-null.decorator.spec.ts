import { IsInt, validateSync } from 'class-validator';
import { IsOptionalNotNull } from './is-optional-not-null.decorator';

class Dto {
  @IsOptionalNotNull()
  @IsInt()
  teams?: number | null;
}

const errorsFor = (teams: unknown) => validateSync(Object.assign(new Dto(), teams === undefined ? {} : { teams }));

describe('IsOptionalNotNull', () => {
  it('skips an absent field and validates a given one', () => {
    expect(errorsFor(undefined)).toEqual([]);
    expect(errorsFor(2)).toEqual([]);
    expect(errorsFor('2')[0].constraints).toHaveProperty('isInt');
  });

  it('rejects null, saying so', () => {
    expect(Object.values(errorsFor(null)[0].constraints ?? {})).toContain('teams must not be null');
  });
});
