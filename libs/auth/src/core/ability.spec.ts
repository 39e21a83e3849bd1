import { POLICY_ACTIONS, POLICY_SUBJECTS, type PolicyAction, type PolicySubject } from '../policy-subjects';
import { ROLES, type Principal, type Role } from '../principal';
import { abilityFor, asSubject, divisionCodeOf, isFirmInScope, scopeOf } from './ability';

const NINGBO_FIRM = '91330201MA2GT0AB16';
const HANGZHOU_FIRM = '91330106MA2GT0CD2R';

function principal(roles: Role[], over: Partial<Principal> = {}): Principal {
  return {
    userId: '1',
    username: 'u',
    displayName: 'U',
    roles,
    regionCode: roles.includes('firm') ? null : '3302',
    firmCreditCode: roles.includes('firm') ? NINGBO_FIRM : null,
    certificateNumber: null,
    via: 'token',
    tokenId: null,
    ...over,
  };
}

/**
 * The role matrix as the issue states it, written out independently of the implementation: for each role,
 * subject → the actions allowed (route level). Everything not listed is refused.
 */
const CASE_WORK = ['Firm', 'Batch', 'Inspection', 'Finding', 'Case', 'Document', 'Evaluation'] as const;
const OWN: Partial<Record<PolicySubject, PolicyAction[]>> = {
  Session: ['read', 'update', 'delete'],
  Token: ['read', 'create', 'delete'],
};
const read = (subjects: readonly PolicySubject[]) =>
  Object.fromEntries(subjects.map((s) => [s, ['read'] as PolicyAction[]])) as Partial<
    Record<PolicySubject, PolicyAction[]>
  >;
const ALL: PolicyAction[] = [...POLICY_ACTIONS];

const EXPECTED: Record<Role, Partial<Record<PolicySubject, PolicyAction[]>>> = {
  inspector: {
    ...OWN,
    ...read(CASE_WORK),
    Inspection: ['read', 'create'],
    Evaluation: ['read', 'create'],
    Case: ['read', 'create', 'act'],
  },
  legal_reviewer: { ...OWN, ...read(CASE_WORK), Case: ['read', 'act'] },
  head: { ...OWN, ...read(CASE_WORK), Case: ['read', 'create', 'act'] },
  // 'manage' is every action on its subjects.
  admin: { ...OWN, User: ALL, Token: ALL, AuditLog: ['read'] },
  observer: { ...OWN, ...read([...CASE_WORK, 'AuditLog']) },
  firm: {
    ...OWN,
    ...read(['Firm', 'Batch', 'Finding', 'Document']),
    Inspection: ['read', 'create'],
    Case: ['read', 'act'],
  },
};

describe('abilityFor: the role matrix', () => {
  const rows = ROLES.flatMap((role) =>
    POLICY_SUBJECTS.flatMap((subject) =>
      POLICY_ACTIONS.map((action) => ({
        role,
        subject,
        action,
        allowed: (EXPECTED[role][subject] ?? []).includes(action),
      })),
    ),
  );

  it('covers every role × subject × action', () => {
    expect(rows).toHaveLength(ROLES.length * POLICY_SUBJECTS.length * POLICY_ACTIONS.length);
  });

  it.each(rows)('$role $action $subject → $allowed', ({ role, subject, action, allowed }) => {
    expect(abilityFor(principal([role])).can(action, subject)).toBe(allowed);
  });

  it('gives a person with several roles the union of their grants', () => {
    const both = abilityFor(principal(['inspector', 'head']));
    expect(both.can('create', 'Evaluation')).toBe(true); // inspector's
    expect(both.can('create', 'Case')).toBe(true);
    expect(both.can('read', 'AuditLog')).toBe(false); // neither's
  });

  it('gives an account without roles only its own session and tokens', () => {
    const none = abilityFor(principal([]));
    expect(POLICY_SUBJECTS.filter((s) => POLICY_ACTIONS.some((a) => none.can(a, s)))).toEqual([
      'Session',
      'Token',
    ]);
  });
});

describe('abilityFor: objects', () => {
  it("lets a firm read and act on its own firm's case, never another firm's", () => {
    const firm = abilityFor(principal(['firm']));
    expect(firm.can('read', asSubject('Case', { firmCreditCode: NINGBO_FIRM }))).toBe(true);
    expect(firm.can('act', asSubject('Case', { firmCreditCode: NINGBO_FIRM }))).toBe(true);
    expect(firm.can('read', asSubject('Case', { firmCreditCode: HANGZHOU_FIRM }))).toBe(false);
    expect(firm.can('act', asSubject('Case', { firmCreditCode: HANGZHOU_FIRM }))).toBe(false);
  });

  it("lets everyone revoke their own tokens; only an admin anyone's", () => {
    const inspector = abilityFor(principal(['inspector'], { userId: '7' }));
    expect(inspector.can('delete', asSubject('Token', { userId: '7' }))).toBe(true);
    expect(inspector.can('delete', asSubject('Token', { userId: '8' }))).toBe(false);
    expect(inspector.can('create', asSubject('Token', { userId: '8' }))).toBe(false);
    const admin = abilityFor(principal(['admin'], { userId: '1', regionCode: null }));
    expect(admin.can('delete', asSubject('Token', { userId: '8' }))).toBe(true);
    expect(admin.can('manage', 'Token')).toBe(true);
    expect(inspector.can('manage', 'Token')).toBe(false);
  });
});

describe('scopeOf and isFirmInScope', () => {
  it('scopes a firm account to its credit code, an officer to a region, a bureau-wide account to nothing', () => {
    expect(scopeOf(principal(['firm']))).toEqual({ firmCreditCode: NINGBO_FIRM });
    expect(scopeOf(principal(['inspector']))).toEqual({ regionPrefix: '3302' });
    expect(scopeOf(principal(['observer'], { regionCode: null }))).toEqual({});
  });

  it('scopes a firm account without a credit code to nothing at all, never to everything', () => {
    const scope = scopeOf(principal(['firm'], { firmCreditCode: null }));
    expect(scope).toEqual({ firmCreditCode: '' });
    expect(isFirmInScope(scope, NINGBO_FIRM)).toBe(false);
  });

  it('reads the division code from characters 3–8 of the credit code', () => {
    expect(divisionCodeOf(NINGBO_FIRM)).toBe('330201');
    expect(isFirmInScope({ regionPrefix: '3302' }, NINGBO_FIRM)).toBe(true);
    expect(isFirmInScope({ regionPrefix: '33' }, HANGZHOU_FIRM)).toBe(true);
    expect(isFirmInScope({ regionPrefix: '3302' }, HANGZHOU_FIRM)).toBe(false);
    // '91' (the registering authority and entity type) is not part of the region.
    expect(isFirmInScope({ regionPrefix: '9133' }, NINGBO_FIRM)).toBe(false);
    expect(isFirmInScope({ firmCreditCode: NINGBO_FIRM }, NINGBO_FIRM)).toBe(true);
    expect(isFirmInScope({ firmCreditCode: NINGBO_FIRM }, HANGZHOU_FIRM)).toBe(false);
    expect(isFirmInScope({}, HANGZHOU_FIRM)).toBe(true);
  });
});
