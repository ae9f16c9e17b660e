import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import type { Request } from 'express';
import { badRequest } from './problem';

interface RouteArg {
  index: number;
  data?: unknown;
}

/** The query keys a handler declares: its `@Query('name')` names and the validated fields of its `@Query()` DTO. */
function declaredQueryKeys(controller: object, handler: (...args: unknown[]) => unknown): Set<string> {
  const args: Record<string, RouteArg> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {};
  const paramTypes: unknown[] = Reflect.getMetadata('design:paramtypes', (controller as { prototype: object }).prototype, handler.name) ?? [];
  const keys = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== Number(RouteParamtypes.QUERY)) continue;
    if (typeof arg.data === 'string') {
      keys.add(arg.data);
      continue;
    }
    const dto = paramTypes[arg.index];
    if (typeof dto !== 'function') continue;
    for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) keys.add(meta.propertyName);
  }
  return keys;
}

/**
 * Every route answers 400 to a query parameter it does not declare. Without this a route with no
 * query DTO ignored them, and `POST /downtimes?dryRun=true` declared a real downtime. Runs before
 * authentication and the idempotency interceptor, so a refused request touches nothing.
 */
@Injectable()
export class UnknownQueryGuard implements CanActivate {
  private readonly declared = new WeakMap<object, Set<string>>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler() as (...args: unknown[]) => unknown;
    let keys = this.declared.get(handler);
    if (!keys) this.declared.set(handler, (keys = declaredQueryKeys(context.getClass(), handler)));
    const query = context.switchToHttp().getRequest<Request>().query ?? {};
    const unknown = Object.keys(query).filter((key) => !keys.has(key));
    if (unknown.length === 0) return true;
    const accepted = keys.size ? `it accepts ${[...keys].sort().join(', ')}` : 'it accepts none';
    throw badRequest('unknown-query-parameter', `This endpoint does not know the query parameter(s) ${unknown.join(', ')}; ${accepted}`, {
      unknown,
      accepted: [...keys].sort(),
    });
  }
}
