import {
  AbilityBuilder,
  createMongoAbility,
  subject as withType,
  type ForcedSubject,
  type MongoAbility,
  type MongoQuery,
} from '@casl/ability';
import type { Principal, Role } from '../principal';
import type { PolicyAction, PolicySubject } from '../policy-subjects';

/** An object of a subject type with the fields the conditions look at (a token's owner, a firm's code). */
export type PolicyObject = Record<string, unknown> & ForcedSubject<PolicySubject>;

/** The one authorization policy: what a caller may do to which kind of object. */
export type AppAbility = MongoAbility<[PolicyAction, PolicySubject | PolicyObject]>;

/**
 * Conditions over an object's fields (a firm's credit code, a token's owner). String subjects carry no field
 * types for CASL to infer, hence the widening.
 */
const where = (fields: Record<string, string | null>) => fields as unknown as MongoQuery<never>;

/** The subjects that hold case work (read by officers in their region, by a firm for its own). */
const CASE_WORK: PolicySubject[] = [
  'Firm',
  'Batch',
  'Inspection',
  'Finding',
  'Case',
  'Document',
  'Evaluation',
];

/**
 * Collecting from a firm's terminals is evidence gathering, an inspection power: register (`create`), collect
 * now (`update`: it moves the endpoint's cursor and state) and stop collecting (`delete`). Legal reviewers and
 * observers only read the register; a firm reads its own terminals (never a credential) but cannot register,
 * collect or remove one: the supervised party does not switch its own supervision on or off.
 */
const TERMINAL_WORK: PolicyAction[] = ['create', 'update', 'delete'];

/**
 * The role matrix (docs/api.md "Roles"). Region and firm scope are not conditions here but `scopeOf`, which
 * services apply to their queries (out of scope is 404, never 403); conditions are kept for the one
 * instance check that is about ownership: a caller's own tokens.
 */
const GRANTS: Record<Role, (can: AbilityBuilder<AppAbility>['can'], p: Principal) => void> = {
  inspector: (can) => {
    can('read', [...CASE_WORK, 'Device', 'Statistics', 'Supervision']);
    can('create', ['Inspection', 'Evaluation', 'Case']); // a clue entered by hand is a Case created
    can('act', 'Case');
    can(TERMINAL_WORK, 'Device');
  },
  legal_reviewer: (can) => {
    can('read', [...CASE_WORK, 'Device', 'Statistics', 'Supervision']);
    can('act', 'Case');
  },
  head: (can) => {
    can('read', [...CASE_WORK, 'Device', 'Statistics', 'Supervision']);
    can('create', 'Case');
    can('act', 'Case');
    can(TERMINAL_WORK, 'Device');
  },
  // Accounts and keys, and the audit log; no case powers and no personal data of the cases.
  admin: (can) => {
    can('manage', ['User', 'Token']);
    can('read', 'AuditLog');
  },
  observer: (can) => {
    can('read', [...CASE_WORK, 'Device', 'Statistics', 'Supervision', 'AuditLog']);
  },
  // Its own firm only (scopeOf); which case actions a firm may take (defend, request-hearing) is the
  // procedure engine's business.
  firm: (can, p) => {
    can(
      'read',
      ['Firm', 'Batch', 'Inspection', 'Finding', 'Case', 'Document', 'Device'],
      where({ firmCreditCode: p.firmCreditCode }),
    );
    can('create', 'Inspection');
    can('act', 'Case', where({ firmCreditCode: p.firmCreditCode }));
  },
};

/** What `principal` may do: the union of its roles' grants, plus its own session and tokens. */
export function abilityFor(principal: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const role of principal.roles) GRANTS[role](can, principal);
  // Everyone signed in manages their own session and their own tokens.
  can(['read', 'update', 'delete'], 'Session');
  can(['read', 'create', 'delete'], 'Token', where({ userId: principal.userId }));
  return build();
}

/** `obj` tagged as an object of `type`, for an instance check (`ability.can('delete', asSubject('Token', t))`). */
export function asSubject(type: PolicySubject, obj: Record<string, unknown>): PolicyObject {
  return withType<PolicySubject, Record<string, unknown>>(type, { ...obj });
}

/**
 * The rows a caller may see: a firm account its own firm's, an officer with a region the firms whose credit
 * code's division code starts with it; nothing set means bureau-wide.
 */
export interface Scope {
  firmCreditCode?: string;
  regionPrefix?: string;
}

/** The scope services filter their queries by (`isFirmInScope` for one firm). */
export function scopeOf(principal: Principal): Scope {
  if (principal.roles.includes('firm')) {
    // A firm account always has a credit code (account rules); an empty string matches no firm, never all.
    return { firmCreditCode: principal.firmCreditCode ?? '' };
  }
  return principal.regionCode ? { regionPrefix: principal.regionCode } : {};
}

/**
 * Whether the firm with `creditCode` is in `scope`: its own code for a firm account; for a region, the
 * administrative division code (characters 3–8 of the unified social credit code, GB 32100-2015) starts
 * with the prefix.
 */
export function isFirmInScope(scope: Scope, creditCode: string): boolean {
  if (scope.firmCreditCode !== undefined && scope.firmCreditCode !== creditCode) return false;
  if (scope.regionPrefix !== undefined && !divisionCodeOf(creditCode).startsWith(scope.regionPrefix)) {
    return false;
  }
  return true;
}

/** The administrative division code inside a unified social credit code (characters 3–8). */
export function divisionCodeOf(creditCode: string): string {
  return creditCode.slice(2, 8);
}
