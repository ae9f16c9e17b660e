import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from './problem';

/** Every refused field of a class-validator result, nested ones as dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const codes = Object.keys(error.constraints ?? {});
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints), code: codes[0], codes }] : [];
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

/** Validates DTOs at the edge and reports every bad field in the problem's `errors` list. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new BadRequestException({
        type: 'https://beamtime.example/problems/validation',
        message: `Validation failed: ${fields.map((f) => f.field).join(', ')}`,
        errors: fields,
      });
    },
  });
}
