import type { Database } from '../data-source';

/** An account as stored (user_account). */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string | null;
  roles: string[];
  regionCode: string | null;
  firmCreditCode: string | null;
  certificateNumber: string | null;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

/** What a new account is made of. */
export interface NewAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: readonly string[];
  regionCode: string | null;
  firmCreditCode: string | null;
  certificateNumber: string | null;
}

/** An officer as a case's pickers need them: no password, no sign-in state. */
export interface OfficerRow {
  id: string;
  displayName: string;
  roles: string[];
  regionCode: string | null;
  certificateNumber: string | null;
  disabled: boolean;
}

/** The fields an admin may change on an account. */
export interface AccountChanges {
  displayName?: string;
  roles?: readonly string[];
  regionCode?: string | null;
  firmCreditCode?: string | null;
  certificateNumber?: string | null;
  disabled?: boolean;
}

/** The lockout fields of an account. */
export interface AccountLoginState {
  failedLogins: number;
  lockedUntil: Date | null;
}

const COLUMNS = `id::text AS id, username, display_name AS "displayName", password_hash AS "passwordHash", roles,
  region_code AS "regionCode", firm_credit_code AS "firmCreditCode", certificate_number AS "certificateNumber",
  disabled, failed_logins AS "failedLogins", locked_until AS "lockedUntil", created_at AS "createdAt"`;

/** The accounts that sign in to the API (user_account). */
export class AccountRepository {
  constructor(private readonly db: Database) {}

  /** Adds an account; null when the username is taken. */
  async insert(a: NewAccount): Promise<AccountRow | null> {
    const [row] = await this.db.dataSource.query<AccountRow[]>(
      `INSERT INTO user_account (username, display_name, password_hash, roles, region_code, firm_credit_code,
         certificate_number)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
      [
        a.username,
        a.displayName,
        a.passwordHash,
        a.roles,
        a.regionCode,
        a.firmCreditCode,
        a.certificateNumber,
      ],
    );
    return row ?? null;
  }

  async byUsername(username: string): Promise<AccountRow | null> {
    const [row] = await this.db.dataSource.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM user_account WHERE username = $1`,
      [username],
    );
    return row ?? null;
  }

  async byId(id: string): Promise<AccountRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.db.dataSource.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM user_account WHERE id = $1::bigint`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Accounts by username. With `regionPrefix`, only officers of that region (or below it) and firms whose
   * credit code's division code starts with it.
   */
  async list(scope: { regionPrefix?: string } = {}): Promise<AccountRow[]> {
    return this.db.dataSource.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM user_account
       WHERE $1::text IS NULL OR region_code LIKE $1 || '%' OR substr(firm_credit_code, 3, 6) LIKE $1 || '%'
       ORDER BY username`,
      [scope.regionPrefix ?? null],
    );
  }

  /**
   * The enabled officers (no firm accounts) whose region covers the administrative division `divisionCode`: a
   * region code that is one of its 2-, 4- or 6-digit prefixes. Without password or sign-in data; by display name.
   */
  async enabledOfficersCovering(divisionCode: string): Promise<OfficerRow[]> {
    const prefixes = [2, 4, 6].map((n) => divisionCode.slice(0, n)).filter((p) => p.length > 0);
    return this.db.dataSource.query<OfficerRow[]>(
      `SELECT id::text AS id, display_name AS "displayName", roles, region_code AS "regionCode",
         certificate_number AS "certificateNumber", disabled
       FROM user_account
       WHERE NOT disabled AND firm_credit_code IS NULL AND region_code = ANY($1::text[])
       ORDER BY display_name, id`,
      [prefixes],
    );
  }

  /** Applies `changes`; the row after, or null when there is no such account. */
  async update(id: string, changes: AccountChanges): Promise<AccountRow | null> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (changes.displayName !== undefined) set('display_name', changes.displayName);
    if (changes.roles !== undefined) set('roles', changes.roles, '::text[]');
    if (changes.regionCode !== undefined) set('region_code', changes.regionCode);
    if (changes.firmCreditCode !== undefined) set('firm_credit_code', changes.firmCreditCode);
    if (changes.certificateNumber !== undefined) set('certificate_number', changes.certificateNumber);
    if (changes.disabled !== undefined) set('disabled', changes.disabled);
    if (sets.length === 0) return this.byId(id);
    const [rows] = await this.db.dataSource.query<[AccountRow[], number]>(
      `UPDATE user_account SET ${sets.join(', ')} WHERE id = $1::bigint RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0] ?? null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.dataSource.query(`UPDATE user_account SET password_hash = $2 WHERE id = $1::bigint`, [
      id,
      passwordHash,
    ]);
  }

  /**
   * Reads the account's lockout fields under a row lock, lets `next` decide the new ones, and writes them in
   * the same transaction: concurrent wrong passwords are all counted.
   */
  async updateLoginState(
    id: string,
    next: (current: AccountLoginState) => AccountLoginState,
  ): Promise<AccountLoginState | null> {
    return this.db.dataSource.transaction(async (m) => {
      const [cur] = await m.query<AccountLoginState[]>(
        `SELECT failed_logins AS "failedLogins", locked_until AS "lockedUntil" FROM user_account
         WHERE id = $1::bigint FOR UPDATE`,
        [id],
      );
      if (!cur) return null;
      const after = next(cur);
      await m.query(`UPDATE user_account SET failed_logins = $2, locked_until = $3 WHERE id = $1::bigint`, [
        id,
        after.failedLogins,
        after.lockedUntil,
      ]);
      return after;
    });
  }
}
