import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { IS_PUBLIC_KEY } from '../common/public.decorator';
import { requestContext } from '../common/request-context';
import { AuthService } from './auth.service';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { passesCsrfCheck, sessionToken } from './session-cookie';
import { forbidden, unauthorized } from '../common/unauthorized';

/**
 * First global guard: every non-@Public() route needs a valid token of an active account, from the
 * `Authorization: Bearer` header (API clients) or else the console's httpOnly session cookie. A
 * cookie-authenticated mutation must also carry the CSRF header (session-cookie.ts).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (isPublic(this.reflector, context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const cookie = bearer ? undefined : sessionToken(request);
    const token = bearer ?? cookie;
    if (!token) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw unauthorized('A bearer token is required (POST /api/v1/auth/login)');
    }
    if (cookie && !passesCsrfCheck(request)) {
      throw forbidden('A change made with the session cookie must carry the header X-Requested-With: beamtime');
    }
    try {
      request.actor = await this.auth.actorFor(token);
    } catch (error) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error;
    }
    requestContext.setActor(request.actor);
    return true;
  }
}

export function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
}
