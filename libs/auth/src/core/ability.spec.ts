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
/**
 * Officers read the region's figures (the dashboard), its register of terminals collected from and what
 * supervision found at a firm (re-audit differences, the clue it opened); firms and administrators read none of
 * the figures or the supervision trail (the bureau's working record).
 */
const OFFICER_READS = [...CASE_WORK, 'Device', 'Statistics', 'Supervision'] as const;
/** Registering, collecting now and removing a terminal: the inspection powers (inspector and head). */
const TERMINAL_WORK: PolicyAction[] = ['read', 'create', 'update', 'delete'];
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
    ...read(OFFICER_READS),
    Inspection: ['read', 'create'],
    Evaluation: ['read', 'create'],
    Case: ['read', 'create', 'act'],
    Device: TERMINAL_WORK,
  },
  legal_reviewer: { ...OWN, ...read(OFFICER_READS), Case: ['read', 'act'] },
  head: { ...OWN, ...read(OFFICER_READS), Case: ['read', 'create', 'act'], Device: TERMINAL_WORK },
  // 'manage' is every action on its subjects.
  admin: { ...OWN, User: ALL, Token: ALL, AuditLog: ['read'] },
  observer: { ...OWN, ...read([...OFFICER_READS, 'AuditLog']) },
  firm: {
    ...OWN,
    // Its own terminals, read only: the supervised party does not register, collect or remove them.
    ...read(['Firm', 'Batch', 'Finding', 'Document', 'Device']),
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

  it("lets a firm read its own terminals, never another firm's, and change none", () => {
    const firm = abilityFor(principal(['firm']));
    expect(firm.can('read', asSubject('Device', { firmCreditCode: NINGBO_FIRM }))).toBe(true);
    expect(firm.can('read', asSubject('Device', { firmCreditCode: HANGZHOU_FIRM }))).toBe(false);
    for (const action of ['create', 'update', 'delete'] as const) {
      expect(firm.can(action, asSubject('Device', { firmCreditCode: NINGBO_FIRM }))).toBe(false);
    }
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
