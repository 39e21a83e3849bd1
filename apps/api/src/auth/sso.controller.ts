import { Controller, Get, Inject, Logger, Query, Redirect, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AccountService, AUTH_ERRORS } from '@app/auth';
import { Clock, DomainError, isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { RequestAuditor } from '../audit-log/request-auditor';
import { isHttps, SSO_COOKIE, SSO_COOKIE_PATH, type AuthRequest } from './auth-request';
import { OidcRelyingParty, SSO_TRANSACTION_MS, type SsoTransaction } from './oidc-relying-party';
import { Public } from './policy.decorator';
import { SessionStarter } from './session-starter';
import { SignInMethodsDto, SsoStartQueryDto } from './sso.dto';

/** Where the portal's sign-in page is; a refused single sign-on lands there with `?sso_error=<code>`. */
export const SIGN_IN_PAGE = '/sign-in';
const CALLBACK_PATH = '/api/auth/sso/callback';

/**
 * Single sign-on by OpenID Connect (docs/portal.md "Single sign-on"). The identity provider only vouches for who
 * the person is: the account must already exist in bioaudit and be enabled, and its roles are bioaudit's own. The
 * session that follows is the one a password sign-in starts (SessionStarter), audited with `method: sso`.
 */
@ApiTags('session')
@Controller('auth')
export class SsoController {
  private readonly logger = new Logger('SsoController');

  constructor(
    private readonly relyingParty: OidcRelyingParty,
    private readonly accounts: AccountService,
    private readonly starter: SessionStarter,
    private readonly auditor: RequestAuditor,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('methods')
  @Public()
  @ApiOkResponse({ type: SignInMethodsDto, description: 'How one may sign in (asked by the sign-in page)' })
  methods(): SignInMethodsDto {
    const sso = this.relyingParty.settings;
    return { password: true, sso: sso ? { name: sso.name, startUrl: SSO_COOKIE_PATH } : null };
  }

  @Get('sso')
  @Public()
  @Redirect()
  @ApiOperation({ summary: "Leave for the identity provider's sign-in page (a browser navigation)" })
  @ApiFoundResponse({
    description:
      'To the identity provider (the SSO cookie keeps state, nonce and PKCE verifier), or to /sign-in?sso_error=AUTH.SSO_UNAVAILABLE',
  })
  @ApiNotFoundResponse({ description: 'AUTH.SSO_NOT_CONFIGURED' })
  async start(
    @Query() query: SsoStartQueryDto,
    @Req() req: AuthRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ url: string }> {
    if (!this.relyingParty.settings) {
      throw new DomainError(AUTH_ERRORS.SSO_NOT_CONFIGURED, 'single sign-on is not configured');
    }
    const next = safeNext(query.next);
    try {
      const { url, transaction } = await this.relyingParty.begin(
        this.redirectUri(req),
        next,
        this.clock.now().getTime(),
      );
      res.cookie(SSO_COOKIE, Buffer.from(JSON.stringify(transaction)).toString('base64url'), {
        httpOnly: true,
        sameSite: 'lax',
        secure: isHttps(req, this.config.auth.trustProxy),
        path: SSO_COOKIE_PATH,
        maxAge: SSO_TRANSACTION_MS,
      });
      return { url };
    } catch (e) {
      return { url: this.refusedUrl(e, next) };
    }
  }

  @Get('sso/callback')
  @Public()
  @AuditRead('Session')
  @Redirect()
  @ApiOperation({ summary: "The identity provider's redirect back: signs in and lands on the portal" })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiFoundResponse({
    description:
      'Signed in (the session and CSRF cookies are set, as by POST /api/session): to the portal path asked for. ' +
      'Refused: to /sign-in?sso_error=<code> (AUTH.SSO_STATE_INVALID, AUTH.SSO_REFUSED, AUTH.SSO_NO_ACCOUNT, ' +
      'AUTH.SSO_ACCOUNT_DISABLED, AUTH.SSO_UNAVAILABLE, AUTH.SSO_NOT_CONFIGURED).',
  })
  async callback(
    @Req() req: AuthRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ url: string }> {
    req.signInMethod = 'sso';
    const transaction = readTransaction((req.cookies as Record<string, string> | undefined)?.[SSO_COOKIE]);
    // One callback per transaction: whatever happens next, the browser forgets it.
    res.clearCookie(SSO_COOKIE, { path: SSO_COOKIE_PATH });
    try {
      if (!this.relyingParty.settings) {
        throw new DomainError(AUTH_ERRORS.SSO_NOT_CONFIGURED, 'single sign-on is not configured');
      }
      if (!transaction) {
        throw new DomainError(
          AUTH_ERRORS.SSO_STATE_INVALID,
          'no single sign-on was started in this browser, or it was completed already',
        );
      }
      const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
      const username = await this.relyingParty.complete(query, transaction, this.clock.now().getTime());
      req.claimedUsername = username;
      const account = await this.accounts.forSingleSignOn(username);
      await this.starter.start(account, req, res);
      return { url: transaction.next };
    } catch (e) {
      // The refusal is the answer (a redirect the sign-in page explains); its audit row is written here.
      await this.auditor.record(req, 'Session', e);
      return { url: this.refusedUrl(e, transaction?.next ?? '/') };
    }
  }

  /** The configured redirect URI, or this request's own origin's callback. */
  private redirectUri(req: AuthRequest): string {
    const configured = this.relyingParty.settings?.redirectUrl;
    if (configured) return configured;
    const scheme = isHttps(req, this.config.auth.trustProxy) ? 'https' : 'http';
    return `${scheme}://${req.get('host') ?? `${this.config.api.host}:${this.config.api.port}`}${CALLBACK_PATH}`;
  }

  /** The sign-in page with the refusal's code (a bug is logged and shown as the generic refusal). */
  private refusedUrl(e: unknown, next: string): string {
    let code: string = AUTH_ERRORS.SSO_REFUSED;
    if (isDomainError(e) && e.code.startsWith('AUTH.SSO_')) code = e.code;
    else this.logger.error('single sign-on failed', e as Error);
    const params = new URLSearchParams({ sso_error: code });
    if (next !== '/') params.set('next', next);
    return `${SIGN_IN_PAGE}?${params.toString()}`;
  }
}

/** Only paths of this portal are landed on (never another origin, never the API). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  if (next === '/api' || next.startsWith('/api/')) return '/';
  return next;
}

/** The transaction of the SSO cookie, or null when it is absent or not one. */
function readTransaction(cookie: string | undefined): SsoTransaction | null {
  if (!cookie) return null;
  try {
    const t = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<SsoTransaction>;
    const strings = [t.state, t.nonce, t.codeVerifier, t.redirectUri, t.next];
    if (strings.some((s) => typeof s !== 'string') || typeof t.expiresAt !== 'number') return null;
    return { ...(t as SsoTransaction), next: safeNext(t.next) };
  } catch {
    return null;
  }
}
