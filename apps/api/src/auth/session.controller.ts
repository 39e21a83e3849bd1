import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AccountService,
  POLICY_ACTIONS,
  POLICY_SUBJECTS,
  SessionService,
  abilityFor,
  type Principal,
} from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isHttps, remoteAddressOf, SESSION_COOKIE, type AuthRequest } from './auth-request';
import { CsrfService } from './csrf.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { CurrentPrincipal, Policy, Public } from './policy.decorator';
import { ChangePasswordDto, CsrfTokenDto, PrincipalDto, SessionDto, SignInDto } from './session.dto';

/** Signing in and out of the browser session, and changing one's password. */
@ApiTags('session')
@ApiCookieAuth()
@Controller('session')
export class SessionController {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly csrf: CsrfService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({
    type: SessionDto,
    description: 'Signed in: the session cookie (HttpOnly, SameSite=Strict) is set; keep the CSRF token',
  })
  @ApiUnauthorizedResponse({ description: 'AUTH.BAD_CREDENTIALS: wrong username or password, or locked' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.RATE_LIMITED: too many attempts from this address' })
  async signIn(
    @Body() body: SignInDto,
    @Req() req: AuthRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto> {
    const account = await this.accounts.authenticate(body.username, body.password);
    const trust = this.config.auth.trustProxy;
    const { sessionId, idHash } = await this.sessions.start(account, remoteAddressOf(req, trust));
    res.cookie(SESSION_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: 'strict',
      secure: isHttps(req, trust),
      path: '/',
      // A browser-session cookie: the server decides expiry (idle and absolute), the browser drops it on exit.
    });
    const principal = this.accounts.principalOf(account, 'session');
    // The audit row of this request names who signed in.
    req.principal = principal;
    req.sessionIdHash = idHash;
    return { principal: toDto(principal), csrfToken: this.csrf.issue(req, res, sessionId) };
  }

  @Get()
  @Policy('read', 'Session')
  @ApiOkResponse({ type: SessionDto, description: 'Who is signed in (bearer callers too)' })
  me(@CurrentPrincipal() principal: Principal): SessionDto {
    return { principal: toDto(principal) };
  }

  @Get('csrf')
  @Policy('read', 'Session')
  @ApiOkResponse({ type: CsrfTokenDto })
  csrfToken(@Req() req: AuthRequest, @Res({ passthrough: true }) res: Response): CsrfTokenDto {
    return { csrfToken: this.csrf.issue(req, res) };
  }

  @Delete()
  @Policy('delete', 'Session')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Signed out: the session ends on the server and the cookie is cleared',
  })
  async signOut(@Req() req: AuthRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const sessionId = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (sessionId) await this.sessions.end(sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('password')
  @Policy('update', 'Session')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; every other session of the account ends' })
  @ApiUnauthorizedResponse({ description: 'AUTH.BAD_CREDENTIALS: the old password is wrong' })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Req() req: AuthRequest,
  ): Promise<void> {
    await this.accounts.changePassword(
      principal,
      body.oldPassword,
      body.newPassword,
      req.sessionIdHash ?? null,
    );
  }
}

function toDto(p: Principal): PrincipalDto {
  const ability = abilityFor(p);
  return {
    userId: p.userId,
    username: p.username,
    displayName: p.displayName,
    roles: [...p.roles],
    regionCode: p.regionCode,
    firmCreditCode: p.firmCreditCode,
    certificateNumber: p.certificateNumber,
    via: p.via,
    permissions: POLICY_SUBJECTS.flatMap((subject) =>
      POLICY_ACTIONS.filter((action) => ability.can(action, subject)).map((action) => `${action}:${subject}`),
    ),
  };
}
