import { HttpStatus } from '@nestjs/common';
import { ProblemException } from './problem';

export const unauthorized = (detail: string) => new ProblemException(HttpStatus.UNAUTHORIZED, 'unauthorized', 'Unauthorized', detail);

export const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
