import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { FHIR_CONTENT_TYPE } from '../common/operation-outcome';

/** Every FHIR answer is application/fhir+json (express's res.json keeps a type already set). */
@Injectable()
export class FhirContentInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().type(FHIR_CONTENT_TYPE);
    return next.handle();
  }
}
