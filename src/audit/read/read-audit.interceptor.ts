import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, Observable } from 'rxjs';
import { concatMap } from 'rxjs/operators';
import { ProblemException } from '../../common/problem';
import { requestContext } from '../../common/request-context';
import type { Role } from '../../common/request-context';
import { READ_AUDITED_KEY, ReadAuditSpec } from './read-audited.decorator';
import { ReadAuditWriter } from './read-audit.writer';

/** Whose reads are recorded: the (and health-data law's) concern is staff outside the treating team's administration. */
export const READ_AUDITED_ROLES: ReadonlyArray<Role> = ['COORDINATOR', 'MINISTRY'];

/** Records a @ReadAudited route's answer before it is sent; a failed record fails the request. */
@Injectable()
export class ReadAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly writer: ReadAuditWriter,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<ReadAuditSpec<unknown> | undefined>(READ_AUDITED_KEY, context.getHandler());
    const actor = requestContext.actor();
    if (!spec || !actor || !READ_AUDITED_ROLES.includes(actor.role as Role)) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const param = spec.param ? request.params[spec.param] : undefined;
    const entityId = typeof param === 'string' ? param : null;
    return next.handle().pipe(
      concatMap((body) => {
        const patientIds = [...new Set(spec.patients(body).filter((id): id is string => typeof id === 'string'))];
        if (patientIds.length === 0) return from(Promise.resolve(body));
        const entry = { actor, action: spec.action, entityId, patientIds, requestId: requestContext.requestId() ?? null, at: new Date() };
        return from(
          this.writer.write(entry).then(
            () => body,
            () => {
              // The answer is withheld: a read nobody recorded must not happen. The writer logged the cause.
              throw new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                'read-audit-unavailable',
                'Service Unavailable',
                'The read could not be recorded; try again',
              );
            },
          ),
        );
      }),
    );
  }
}
