import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ApiTokenRepository, AuditLogRepository, type ApiTokenRow } from '@app/persistence';
import { AUTH_ERRORS } from './auth.errors';
import { generateToken, hashToken, isTokenShaped } from './core/token-format';
import type { Principal } from './principal';
import { principalOf } from './principal-of';

/** A token as listed: never the token itself. */
export interface TokenView {
  id: string;
  userId: string;
  username: string;
  name: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Personal access tokens and firm API keys: issued once, stored as SHA-256, expiring, revocable. */
@Injectable()
export class TokenService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Issues a token for the account `userId`; `lifetimeMs` defaults to BIOAUDIT_TOKEN_DEFAULT_DAYS. The token
   * is in the answer and nowhere else.
   */
  async create(
    userId: string,
    options: { name?: string; lifetimeMs?: number },
    actor: string,
  ): Promise<{ token: string; view: TokenView }> {
    const now = this.clock.now();
    const lifetime = options.lifetimeMs ?? this.config.auth.tokenDefaultDays * 86_400_000;
    const { token, hash } = generateToken();
    const row = await this.tokens.insert({
      userId,
      name: options.name?.trim() || `token ${now.toISOString().slice(0, 10)}`,
      tokenHash: hash,
      createdBy: actor,
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetime),
    });
    await this.auditLog.append(actor, 'token.create', 'api_token', row.id, {
      owner: row.username,
      name: row.name,
      expiresAt: row.expiresAt.toISOString(),
    });
    return { token, view: viewOf(row) };
  }

  /**
   * The principal behind a bearer token. Malformed or unknown: AUTH.UNAUTHENTICATED; revoked:
   * AUTH.TOKEN_REVOKED; expired: AUTH.TOKEN_EXPIRED; a disabled owner: AUTH.UNAUTHENTICATED.
   */
  async resolve(bearer: string): Promise<Principal> {
    if (!isTokenShaped(bearer)) {
      throw new DomainError(AUTH_ERRORS.UNAUTHENTICATED, 'the bearer token is not a bioaudit token');
    }
    const found = await this.tokens.byHash(hashToken(bearer));
    if (!found) throw new DomainError(AUTH_ERRORS.UNAUTHENTICATED, 'unknown bearer token');
    const { token, account } = found;
    const now = this.clock.now();
    if (token.revokedAt !== null) {
      throw new DomainError(AUTH_ERRORS.TOKEN_REVOKED, `token ${token.id} was revoked`, {
        tokenId: token.id,
      });
    }
    if (token.expiresAt.getTime() <= now.getTime()) {
      throw new DomainError(AUTH_ERRORS.TOKEN_EXPIRED, `token ${token.id} expired`, {
        tokenId: token.id,
        expiresAt: token.expiresAt.toISOString(),
      });
    }
    if (account.disabled) throw new DomainError(AUTH_ERRORS.UNAUTHENTICATED, 'the account is disabled');
    await this.tokens.touch(token.id, now);
    return principalOf(account, 'token', token.id);
  }

  /** Tokens of one account, or (null) of every account; newest first. */
  async list(userId: string | null): Promise<TokenView[]> {
    return (await this.tokens.list(userId)).map(viewOf);
  }

  /** One token, or AUTH.NOT_FOUND. */
  async get(id: string): Promise<TokenView> {
    const row = await this.tokens.byId(id);
    if (!row) throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no token ${id}`, { id });
    return viewOf(row);
  }

  /** Revokes a token now (a second revocation keeps the first time). */
  async revoke(id: string, actor: string): Promise<TokenView> {
    if (!(await this.tokens.revoke(id, this.clock.now()))) {
      throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no token ${id}`, { id });
    }
    await this.auditLog.append(actor, 'token.revoke', 'api_token', id, {});
    return this.get(id);
  }
}

function viewOf(row: ApiTokenRow): TokenView {
  return {
    id: row.id,
    userId: row.userId,
    username: row.username,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
