import { applyDecorators } from '@nestjs/common';
import { NotEquals, ValidateIf } from 'class-validator';

/**
 * Like `@IsOptional()`, but only an absent field is skipped. `@IsOptional()` also skips `null`,
 * which then reaches a NOT NULL column (500) or is silently read as "leave unchanged".
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    NotEquals(null, { message: '$property must not be null' }),
  );
}
