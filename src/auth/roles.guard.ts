import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../common/request-context';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { isPublic } from './jwt-auth.guard';
import { ROLES_KEY } from '../common/roles.decorator';
import { forbidden, unauthorized } from '../common/unauthorized';

/**
 * Second global guard. A route without @Roles is ADMIN-only (safe default for a forgotten
 * decorator); ADMIN may call every authenticated route (SPEC §5: "ADMIN (everything)").
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (isPublic(this.reflector, context)) return true;
    // Does not trust guard ordering: without an authenticated actor nothing passes.
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor) throw unauthorized('A bearer token is required (POST /api/v1/auth/login)');
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? ['ADMIN'];
    if (actor.role === 'ADMIN' || (allowed as string[]).includes(actor.role)) return true;
    throw forbidden(`This action needs the role ${allowed.join(' or ')}; you are ${actor.role}`);
  }
}
