import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
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
import { SESSION_COOKIE, type AuthRequest } from './auth-request';
import { CsrfService } from './csrf.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SessionStarter } from './session-starter';
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
    private readonly starter: SessionStarter,
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
    req.signInMethod = 'password';
    const account = await this.accounts.authenticate(body.username, body.password);
    const { principal, csrfToken } = await this.starter.start(account, req, res);
    return { principal: toDto(principal), csrfToken };
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

/** The principal as the API shows it, with what it may do. */
export function toDto(p: Principal): PrincipalDto {
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
