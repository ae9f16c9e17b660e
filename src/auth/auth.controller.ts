import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import type { Request, Response } from 'express';
import type { Actor } from '../common/request-context';
import { Public } from '../common/public.decorator';
import { AuthService } from './auth.service';
import { CurrentActor } from '../common/current-actor.decorator';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { MeView, toMeView } from './views/me.view';
import { LoginThrottleGuard } from './login-throttle.guard';
import { Roles } from '../common/roles.decorator';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie, wantsCookieOnly } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({
    summary: 'Exchange username and password for an expiring bearer token; 401 otherwise, 429 when rate-limited',
    description: `Also sets the web console's session cookie (${SESSION_COOKIE}: httpOnly, SameSite=Strict, Path=/, Secure over https). With the header X-Requested-With: beamtime the body leaves the token out, so page script never holds it.`,
  })
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const response = await this.auth.login(dto.username, dto.password);
    setSessionCookie(req, res, response.accessToken ?? '', response.expiresIn);
    if (!wantsCookieOnly(req)) return response;
    const { accessToken: _omitted, ...cookieOnly } = response;
    return cookieOnly;
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: "Ends the web console's cookie session (clears the cookie); a bearer token stays valid until it expires" })
  @ApiNoContentResponse()
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    clearSessionCookie(req, res);
  }

  @Get('me')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'Who the token or the session cookie belongs to, and their time zone (the console asks it on load)' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentActor() actor: Actor): MeView {
    return toMeView(actor, this.config.centerTimeZone);
  }
}
