import type { Database } from '../data-source';
import { ACCOUNT_COLUMNS, accountOf, type PrincipalAccount } from './api-token.repository';

/** A browser session as stored (its id only as a hash). */
export interface UserSessionRow {
  idHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  remoteAddress: string | null;
}

/** Browser sessions (user_session), keyed by the SHA-256 of the cookie's id. */
export class UserSessionRepository {
  constructor(private readonly db: Database) {}

  async insert(s: UserSessionRow): Promise<void> {
    await this.db.dataSource.query(
      `INSERT INTO user_session (id_hash, user_id, created_at, last_seen_at, remote_address)
       VALUES ($1, $2::bigint, $3, $4, $5)`,
      [s.idHash, s.userId, s.createdAt, s.lastSeenAt, s.remoteAddress],
    );
  }

  /** The session with this hash and its account, or null. */
  async byHash(idHash: string): Promise<{ session: UserSessionRow; account: PrincipalAccount } | null> {
    const [row] = await this.db.dataSource.query<Record<string, unknown>[]>(
      `SELECT s.id_hash AS "idHash", s.user_id::text AS "userId", s.created_at AS "createdAt",
              s.last_seen_at AS "lastSeenAt", s.remote_address AS "remoteAddress", ${ACCOUNT_COLUMNS}
       FROM user_session s JOIN user_account u ON u.id = s.user_id WHERE s.id_hash = $1`,
      [idHash],
    );
    if (!row) return null;
    return {
      session: {
        idHash: row.idHash as string,
        userId: row.userId as string,
        createdAt: row.createdAt as Date,
        lastSeenAt: row.lastSeenAt as Date,
        remoteAddress: row.remoteAddress as string | null,
      },
      account: accountOf(row),
    };
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.db.dataSource.query(`UPDATE user_session SET last_seen_at = $2 WHERE id_hash = $1`, [
      idHash,
      at,
    ]);
  }

  async delete(idHash: string): Promise<void> {
    await this.db.dataSource.query(`DELETE FROM user_session WHERE id_hash = $1`, [idHash]);
  }

  /** Ends every session of a user (password changed, account disabled), but `except` when given. */
  async deleteForUser(userId: string, except: string | null = null): Promise<void> {
    await this.db.dataSource.query(
      `DELETE FROM user_session WHERE user_id = $1::bigint AND ($2::text IS NULL OR id_hash <> $2)`,
      [userId, except],
    );
  }

  /** Removes sessions unused since `idleBefore` or begun before `createdBefore`; returns how many. */
  async deleteExpired(idleBefore: Date, createdBefore: Date): Promise<number> {
    const [, n] = await this.db.dataSource.query<[unknown[], number]>(
      `DELETE FROM user_session WHERE last_seen_at < $1 OR created_at < $2`,
      [idleBefore, createdBefore],
    );
    return n;
  }
}
