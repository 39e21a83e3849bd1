/** Accounts, sessions, tokens and the one authorization policy of the regulator's API. */
export { ROLES } from './principal';
export type { Principal, Role } from './principal';
export { POLICY_ACTIONS, POLICY_SUBJECTS } from './policy-subjects';
export type { PolicyAction, PolicySubject } from './policy-subjects';
/** The role matrix as one CASL ability, and the scope services filter queries by. */
export { abilityFor, asSubject, scopeOf, isFirmInScope, divisionCodeOf } from './core/ability';
export type { AppAbility, PolicyObject, Scope } from './core/ability';
export { AUTH_ERRORS, AUTH_ERROR_STATUS, isAuthErrorCode } from './auth.errors';
export type { AuthErrorCode } from './auth.errors';
/** Account rules (roles, region, firm, certificate) and password rules. */
export { accountProblems, passwordProblems, MIN_PASSWORD_LENGTH } from './core/account-rules';
/** Bearer token format (`bioaudit_pat_…`), hashing, and token lifetimes (`30d`). */
export { TOKEN_PREFIX, generateToken, hashToken, isTokenShaped } from './core/token-format';
export { parseDuration, MAX_TOKEN_LIFETIME_MS } from './core/duration';
export { AuthModule } from './auth.module';
export { AccountService, viewOf as accountViewOf } from './account.service';
export type { AccountUpdate, AccountView, NewAccountInput } from './account.service';
export { TokenService } from './token.service';
export type { TokenView } from './token.service';
export { SessionService } from './session.service';
export { PasswordHasher, ARGON2_OPTIONS } from './password-hasher';
export { principalOf } from './principal-of';
