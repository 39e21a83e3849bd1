import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@app/common';
import { AUTH_ERRORS } from '@app/auth';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '@app/config';

type OpenIdClient = typeof import('openid-client');
type Configuration = import('openid-client').Configuration;

/**
 * openid-client is an ES module. TypeScript compiles `import()` to `require()` under `"module": "commonjs"`, and
 * jest's module runtime cannot `require()` an ES module; a real `import()` works under Node and under jest alike.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the one way to keep a real import() in CommonJS output
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

/** What the browser keeps (in the SSO cookie) between leaving for the identity provider and coming back. */
export interface SsoTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** The portal path to land on once signed in. */
  next: string;
  /** Epoch ms after which the callback is refused. */
  expiresAt: number;
}

/** How long a person may take at the identity provider's page. */
export const SSO_TRANSACTION_MS = 10 * 60_000;

/**
 * bioaudit as an OpenID Connect relying party (openid-client): the authorization code flow with PKCE (S256), state
 * and nonce. It answers only "who did the identity provider authenticate" — finding the account and starting the
 * session are the caller's. The provider's metadata is discovered on first use and kept; a failed discovery is
 * retried on the next sign-in.
 */
@Injectable()
export class OidcRelyingParty {
  private readonly logger = new Logger('OidcRelyingParty');
  private discovered: Promise<{ lib: OpenIdClient; config: Configuration }> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly appConfig: AppConfig) {}

  /** The settings, or null when single sign-on is not configured. */
  get settings(): OidcConfig | null {
    return this.appConfig.auth.oidc;
  }

  /** Where to send the browser, and the transaction to keep until it comes back. */
  async begin(
    redirectUri: string,
    next: string,
    now: number,
  ): Promise<{ url: string; transaction: SsoTransaction }> {
    const settings = this.required();
    const { lib, config } = await this.client();
    const codeVerifier = lib.randomPKCECodeVerifier();
    const transaction: SsoTransaction = {
      state: lib.randomState(),
      nonce: lib.randomNonce(),
      codeVerifier,
      redirectUri,
      next,
      expiresAt: now + SSO_TRANSACTION_MS,
    };
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /**
   * Checks the callback against the transaction (state first, then openid-client: the code exchanged with the
   * verifier, the ID token's signature, issuer, audience, expiry and nonce) and returns the username claim.
   */
  async complete(query: URLSearchParams, transaction: SsoTransaction, now: number): Promise<string> {
    const settings = this.required();
    if (now > transaction.expiresAt) {
      throw new DomainError(AUTH_ERRORS.SSO_STATE_INVALID, 'the sign-in took too long: start it again');
    }
    if (query.get('state') !== transaction.state) {
      throw new DomainError(
        AUTH_ERRORS.SSO_STATE_INVALID,
        'the callback does not belong to the sign-in this browser started',
      );
    }
    const { lib, config } = await this.client();
    const callbackUrl = new URL(transaction.redirectUri);
    callbackUrl.search = query.toString();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await lib.authorizationCodeGrant(
        config,
        callbackUrl,
        {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: transaction.redirectUri },
      );
      claims = tokens.claims();
    } catch (e) {
      throw this.refusal(lib, e);
    }
    const username = claims?.[settings.usernameClaim];
    if (typeof username !== 'string' || username.length === 0) {
      throw new DomainError(
        AUTH_ERRORS.SSO_REFUSED,
        `the identity provider's ID token has no ${settings.usernameClaim} claim (BIOAUDIT_OIDC_USERNAME_CLAIM)`,
        { claim: settings.usernameClaim },
      );
    }
    return username;
  }

  private required(): OidcConfig {
    const settings = this.settings;
    if (!settings) {
      throw new DomainError(AUTH_ERRORS.SSO_NOT_CONFIGURED, 'single sign-on is not configured');
    }
    return settings;
  }

  /** The provider's answer as one of ours: its refusal, or that it could not be reached. */
  private refusal(lib: OpenIdClient, e: unknown): DomainError {
    if (e instanceof lib.AuthorizationResponseError || e instanceof lib.ResponseBodyError) {
      // The person cancelled (access_denied), or the token endpoint refused the code (used already: invalid_grant).
      return new DomainError(AUTH_ERRORS.SSO_REFUSED, `the identity provider answered ${e.error}`, {
        error: e.error,
      });
    }
    if (isNetworkError(e)) {
      this.logger.warn(`the identity provider cannot be reached: ${(e as Error).message}`);
      return new DomainError(AUTH_ERRORS.SSO_UNAVAILABLE, 'the identity provider cannot be reached');
    }
    // A response that fails validation (signature, issuer, audience, nonce, expiry): logged, never shown in full.
    this.logger.warn(`single sign-on refused: ${(e as Error).message}`);
    return new DomainError(AUTH_ERRORS.SSO_REFUSED, "the identity provider's answer did not validate");
  }

  private client(): Promise<{ lib: OpenIdClient; config: Configuration }> {
    if (!this.discovered) {
      const settings = this.required();
      const attempt = (async () => {
        const lib = (await importEsm('openid-client')) as OpenIdClient;
        const auth = settings.clientSecret ? lib.ClientSecretBasic(settings.clientSecret) : lib.None();
        // Plain http only reaches a loopback issuer (the configuration refuses any other).
        const insecure = new URL(settings.issuer).protocol === 'http:';
        try {
          const config = await lib.discovery(new URL(settings.issuer), settings.clientId, undefined, auth, {
            ...(insecure ? { execute: [lib.allowInsecureRequests] } : {}),
          });
          return { lib, config };
        } catch (e) {
          this.logger.warn(`the identity provider's discovery failed: ${(e as Error).message}`);
          throw new DomainError(AUTH_ERRORS.SSO_UNAVAILABLE, 'the identity provider cannot be reached');
        }
      })();
      this.discovered = attempt;
      attempt.catch(() => {
        if (this.discovered === attempt) this.discovered = null;
      });
    }
    return this.discovered;
  }
}

/** fetch's failure to connect (undici throws TypeError "fetch failed"), or openid-client's timeout. */
function isNetworkError(e: unknown): boolean {
  return (
    (e instanceof TypeError && e.message === 'fetch failed') ||
    (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
  );
}
