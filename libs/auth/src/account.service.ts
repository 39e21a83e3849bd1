import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  AccountRepository,
  AuditLogRepository,
  UserSessionRepository,
  type AccountRow,
} from '@app/persistence';
import { AUTH_ERRORS } from './auth.errors';
import { isFirmInScope } from './core/ability';
import { accountProblems, passwordProblems } from './core/account-rules';
import { afterFailure, afterSuccess, isLocked } from './core/lockout';
import { PasswordHasher } from './password-hasher';
import type { Principal, Role } from './principal';
import { principalOf } from './principal-of';

/** A new account as an admin or the CLI describes it. */
export interface NewAccountInput {
  username: string;
  displayName?: string;
  roles: readonly string[];
  regionCode?: string | null;
  firmCreditCode?: string | null;
  certificateNumber?: string | null;
  /** Absent: a random password is generated and returned once. */
  password?: string;
}

/** What an admin may change on an account. */
export interface AccountUpdate {
  displayName?: string;
  roles?: readonly string[];
  regionCode?: string | null;
  firmCreditCode?: string | null;
  certificateNumber?: string | null;
  disabled?: boolean;
}

/** An account as shown to admins and the CLI: never its password hash. */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  regionCode: string | null;
  firmCreditCode: string | null;
  certificateNumber: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

/** Accounts: creating and changing them by the rules, and signing in with lockout. */
@Injectable()
export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: UserSessionRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates an account; returns it and, when none was given, the generated password (shown once). */
  async create(
    input: NewAccountInput,
    actor: string,
    scope: { regionPrefix?: string } = {},
  ): Promise<{ account: AccountView; generatedPassword: string | null }> {
    const shape = {
      username: input.username,
      roles: input.roles,
      regionCode: input.regionCode ?? null,
      firmCreditCode: input.firmCreditCode ?? null,
      certificateNumber: input.certificateNumber ?? null,
    };
    const problems = accountProblems(shape);
    if (problems.length > 0) {
      throw new DomainError(AUTH_ERRORS.INVALID_ACCOUNT, problems.join('; '), { problems });
    }
    assertInRegion(shape, scope.regionPrefix);
    const generatedPassword = input.password === undefined ? generatePassword() : null;
    const password = input.password ?? (generatedPassword as string);
    // A generated password is long and random; only a chosen one is checked (and may not hold the username).
    if (input.password !== undefined) {
      const weak = passwordProblems(input.password, input.username);
      if (weak.length > 0) {
        throw new DomainError(AUTH_ERRORS.WEAK_PASSWORD, weak.join('; '), { problems: weak });
      }
    }
    const row = await this.accounts.insert({
      ...shape,
      displayName: input.displayName?.trim() || input.username,
      passwordHash: await this.hasher.hash(password),
    });
    if (!row) {
      throw new DomainError(AUTH_ERRORS.USERNAME_TAKEN, `the username ${input.username} is taken`, {
        username: input.username,
      });
    }
    await this.auditLog.append(actor, 'user.create', 'user_account', row.id, {
      username: row.username,
      roles: row.roles,
      regionCode: row.regionCode,
      firmCreditCode: row.firmCreditCode,
    });
    return { account: viewOf(row), generatedPassword };
  }

  /** Accounts in the scope of a region prefix (none: all). */
  async list(scope: { regionPrefix?: string } = {}): Promise<AccountView[]> {
    return (await this.accounts.list(scope)).map(viewOf);
  }

  /** One account in scope, or AUTH.NOT_FOUND. */
  async get(id: string, scope: { regionPrefix?: string } = {}): Promise<AccountRow> {
    const row = await this.accounts.byId(id);
    if (!row || !inRegion(row, scope.regionPrefix)) {
      throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no account ${id}`, { id });
    }
    return row;
  }

  async byUsername(username: string): Promise<AccountRow> {
    const row = await this.accounts.byUsername(username);
    if (!row) throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no account ${username}`, { username });
    return row;
  }

  /** Changes an account (checked against the rules as a whole); disabling it ends its sessions. */
  async update(
    id: string,
    changes: AccountUpdate,
    actor: string,
    scope: { regionPrefix?: string } = {},
  ): Promise<AccountView> {
    const cur = await this.get(id, scope);
    const merged = {
      username: cur.username,
      roles: changes.roles ?? cur.roles,
      regionCode: changes.regionCode !== undefined ? changes.regionCode : cur.regionCode,
      firmCreditCode: changes.firmCreditCode !== undefined ? changes.firmCreditCode : cur.firmCreditCode,
      certificateNumber:
        changes.certificateNumber !== undefined ? changes.certificateNumber : cur.certificateNumber,
    };
    const problems = accountProblems(merged);
    if (problems.length > 0) {
      throw new DomainError(AUTH_ERRORS.INVALID_ACCOUNT, problems.join('; '), { problems });
    }
    assertInRegion(merged, scope.regionPrefix);
    const row = await this.accounts.update(id, changes);
    if (!row) throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no account ${id}`, { id });
    // A disabled account, or one whose roles changed, signs in again (its sessions carry the old principal).
    if (changes.disabled === true || changes.roles !== undefined) await this.sessions.deleteForUser(id);
    await this.auditLog.append(actor, 'user.update', 'user_account', id, { changes });
    return viewOf(row);
  }

  /**
   * Checks a username and password. Every refusal — unknown user, wrong password, disabled or locked
   * account — is the same AUTH.BAD_CREDENTIALS and costs one argon2 verification, so neither the answer nor
   * its timing tells whether the account exists. The Nth wrong password in a row locks the account.
   */
  async authenticate(username: string, password: string): Promise<AccountRow> {
    const refuse = () =>
      new DomainError(AUTH_ERRORS.BAD_CREDENTIALS, 'wrong username or password, or the account is locked');
    const row = await this.accounts.byUsername(username);
    const now = this.clock.now();
    if (!row || row.disabled || row.passwordHash === null || isLocked(row, now)) {
      await this.hasher.verifyNothing(password);
      throw refuse();
    }
    if (!(await this.hasher.verify(row.passwordHash, password))) {
      await this.recordFailure(row.id);
      throw refuse();
    }
    if (row.failedLogins > 0 || row.lockedUntil !== null) {
      await this.accounts.updateLoginState(row.id, () => afterSuccess());
    }
    if (this.hasher.needsRehash(row.passwordHash)) {
      await this.accounts.setPasswordHash(row.id, await this.hasher.hash(password));
    }
    return row;
  }

  /**
   * The account an identity provider vouched for (single sign-on): it must exist and be enabled — SSO never
   * creates an account or grants a role. A password lockout does not apply (no password was tried); an admin
   * who wants a person out disables the account. Refusals name the reason: the person has proved who they are.
   */
  async forSingleSignOn(username: string): Promise<AccountRow> {
    const row = await this.accounts.byUsername(username);
    if (!row) {
      throw new DomainError(AUTH_ERRORS.SSO_NO_ACCOUNT, `no bioaudit account is named ${username}`, {
        username,
      });
    }
    if (row.disabled) {
      throw new DomainError(AUTH_ERRORS.SSO_ACCOUNT_DISABLED, `the account ${username} is disabled`, {
        username,
      });
    }
    return row;
  }

  /**
   * Changes the caller's own password after checking the old one (a wrong one counts towards the lockout);
   * the caller's other sessions end.
   */
  async changePassword(
    principal: Principal,
    oldPassword: string,
    newPassword: string,
    keepSessionHash: string | null,
  ): Promise<void> {
    const row = await this.authenticate(principal.username, oldPassword);
    const weak = passwordProblems(newPassword, row.username);
    if (weak.length > 0) {
      throw new DomainError(AUTH_ERRORS.WEAK_PASSWORD, weak.join('; '), { problems: weak });
    }
    await this.accounts.setPasswordHash(row.id, await this.hasher.hash(newPassword));
    await this.sessions.deleteForUser(row.id, keepSessionHash);
    await this.auditLog.append(principal.username, 'user.password', 'user_account', row.id, {});
  }

  /** The principal of a signed-in account. */
  principalOf(row: AccountRow, via: Principal['via'], tokenId: string | null = null): Principal {
    return principalOf(row, via, tokenId);
  }

  private async recordFailure(id: string): Promise<void> {
    const policy = { maxFailures: this.config.auth.maxFailedLogins, lockoutMs: this.config.auth.lockoutMs };
    await this.accounts.updateLoginState(id, (s) => afterFailure(s, this.clock.now(), policy));
  }
}

/** 18 random bytes as 24 base64url characters: 144 bits, typed once and changed. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** A regional admin gives accounts only inside the region (never bureau-wide ones, never another region's). */
function assertInRegion(
  a: { regionCode: string | null; firmCreditCode: string | null },
  prefix: string | undefined,
): void {
  if (!inRegion(a, prefix)) {
    throw new DomainError(AUTH_ERRORS.FORBIDDEN, `you manage the accounts of region ${prefix} only`, {
      regionPrefix: prefix,
    });
  }
}

/** Whether an account belongs to the region: its own region under the prefix, or its firm's division code. */
export function inRegion(
  row: { regionCode: string | null; firmCreditCode: string | null },
  prefix: string | undefined,
): boolean {
  if (prefix === undefined) return true;
  if (row.regionCode?.startsWith(prefix)) return true;
  return row.firmCreditCode !== null && isFirmInScope({ regionPrefix: prefix }, row.firmCreditCode);
}

/** An account without its secrets. */
export function viewOf(row: AccountRow): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: principalOf(row, 'session').roles.slice(),
    regionCode: row.regionCode,
    firmCreditCode: row.firmCreditCode,
    certificateNumber: row.certificateNumber,
    disabled: row.disabled,
    lockedUntil: row.lockedUntil ? row.lockedUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
