import { ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from './problem';

/** `:id` path parameters: a UUID, or a 400 that names the field like every other validation error. */
export const ParseIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => badRequest('invalid-id', 'The id in the path must be a UUID', { field: 'id' }),
});
