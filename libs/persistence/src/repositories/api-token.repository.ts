import type { Database } from '../data-source';
import type { AccountRow } from './account.repository';

/** A bearer token as stored (never the token itself). */
export interface ApiTokenRow {
  id: string;
  userId: string;
  username: string;
  name: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const COLUMNS = `t.id::text AS id, t.user_id::text AS "userId", u.username, t.name, t.created_by AS "createdBy",
  t.created_at AS "createdAt", t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt",
  t.last_used_at AS "lastUsedAt"`;

const ACCOUNT = `u.id::text AS "a_id", u.username AS "a_username", u.display_name AS "a_displayName",
  u.roles AS "a_roles", u.region_code AS "a_regionCode", u.firm_credit_code AS "a_firmCreditCode",
  u.certificate_number AS "a_certificateNumber", u.disabled AS "a_disabled"`;

/** The account fields a request's principal is built from. */
export type PrincipalAccount = Pick<
  AccountRow,
  | 'id'
  | 'username'
  | 'displayName'
  | 'roles'
  | 'regionCode'
  | 'firmCreditCode'
  | 'certificateNumber'
  | 'disabled'
>;

/** Splits the `a_` columns of a joined row into the account. */
export function accountOf(row: Record<string, unknown>): PrincipalAccount {
  return {
    id: row.a_id as string,
    username: row.a_username as string,
    displayName: row.a_displayName as string,
    roles: row.a_roles as string[],
    regionCode: row.a_regionCode as string | null,
    firmCreditCode: row.a_firmCreditCode as string | null,
    certificateNumber: row.a_certificateNumber as string | null,
    disabled: row.a_disabled as boolean,
  };
}

/** The joined account columns, for the session repository too. */
export const ACCOUNT_COLUMNS = ACCOUNT;

/** Personal access tokens and firm API keys (api_token), by the SHA-256 of the token. */
export class ApiTokenRepository {
  constructor(private readonly db: Database) {}

  async insert(t: {
    userId: string;
    name: string;
    tokenHash: string;
    createdBy: string;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<ApiTokenRow> {
    const [row] = await this.db.dataSource.query<ApiTokenRow[]>(
      `WITH t AS (INSERT INTO api_token (user_id, name, token_hash, created_by, created_at, expires_at)
                  VALUES ($1::bigint, $2, $3, $4, $5, $6) RETURNING *)
       SELECT ${COLUMNS} FROM t JOIN user_account u ON u.id = t.user_id`,
      [t.userId, t.name, t.tokenHash, t.createdBy, t.createdAt, t.expiresAt],
    );
    return row;
  }

  /** The token with this hash and its owner's account, or null. */
  async byHash(tokenHash: string): Promise<{ token: ApiTokenRow; account: PrincipalAccount } | null> {
    const [row] = await this.db.dataSource.query<(ApiTokenRow & Record<string, unknown>)[]>(
      `SELECT ${COLUMNS}, ${ACCOUNT} FROM api_token t JOIN user_account u ON u.id = t.user_id
       WHERE t.token_hash = $1`,
      [tokenHash],
    );
    if (!row) return null;
    const token: ApiTokenRow = {
      id: row.id,
      userId: row.userId,
      username: row.username,
      name: row.name,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      lastUsedAt: row.lastUsedAt,
    };
    return { token, account: accountOf(row) };
  }

  async byId(id: string): Promise<ApiTokenRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.db.dataSource.query<ApiTokenRow[]>(
      `SELECT ${COLUMNS} FROM api_token t JOIN user_account u ON u.id = t.user_id WHERE t.id = $1::bigint`,
      [id],
    );
    return row ?? null;
  }

  /** Tokens, newest first: one user's, or (null) everyone's. */
  async list(userId: string | null): Promise<ApiTokenRow[]> {
    return this.db.dataSource.query<ApiTokenRow[]>(
      `SELECT ${COLUMNS} FROM api_token t JOIN user_account u ON u.id = t.user_id
       WHERE $1::bigint IS NULL OR t.user_id = $1::bigint ORDER BY t.id DESC`,
      [userId],
    );
  }

  /** Marks a token revoked (the first revocation's time stays); false when there is no such token. */
  async revoke(id: string, at: Date): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const [, n] = await this.db.dataSource.query<[unknown[], number]>(
      `UPDATE api_token SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1::bigint`,
      [id, at],
    );
    return n > 0;
  }

  /** Records a use; written at most once a minute per token so a busy script does not write every request. */
  async touch(id: string, at: Date): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE api_token SET last_used_at = $2
       WHERE id = $1::bigint AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
  }
}
