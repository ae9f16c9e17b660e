import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor, requestContext } from './request-context';
import type { AuthenticatedRequest } from './authenticated-request';
import { unauthorized } from './unauthorized';

/** The authenticated caller of the route (set by JwtAuthGuard); never undefined on a non-public route. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor ?? requestContext.actor();
  if (!actor) throw unauthorized('A bearer token is required (POST /api/v1/auth/login)');
  return actor;
});
