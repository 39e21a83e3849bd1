import { migrate, pendingSchemaChanges, type Database } from '../data-source';
import { openTestDatabase } from '../persistence.testing';
import { AccountsAndSessions1764900000000 } from '../migrations/1764900000000-accounts-and-sessions';
import { AccountRepository, type NewAccount } from './account.repository';
import { ApiTokenRepository } from './api-token.repository';
import { AuditLogRepository } from './audit-log.repository';
import { CustodyChainRepository } from './custody-chain.repository';
import { UserSessionRepository } from './user-session.repository';

const T0 = new Date('2026-11-30T08:00:00Z');

const account = (username: string, over: Partial<NewAccount> = {}): NewAccount => ({
  username,
  displayName: username,
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
  roles: ['inspector'],
  regionCode: '3302',
  firmCreditCode: null,
  certificateNumber: '33020019001',
  ...over,
});

/** Accounts, tokens, sessions and the audit log's request columns, on both engines. */
describe.each(['postgres', 'embedded'] as const)('accounts and sessions on %s', (kind) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let accounts: AccountRepository;
  let tokens: ApiTokenRepository;
  let sessions: UserSessionRepository;
  let auditLog: AuditLogRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(kind));
    await migrate(db);
    accounts = new AccountRepository(db);
    tokens = new ApiTokenRepository(db);
    sessions = new UserSessionRepository(db);
    auditLog = new AuditLogRepository(db);
  }, 120_000);

  afterAll(async () => {
    await cleanup?.();
  });

  it('has entities and migration in agreement for its tables', async () => {
    const mine = (await pendingSchemaChanges(db)).filter((q) =>
      /user_account|api_token|user_session|audit_log/.test(q),
    );
    expect(mine).toEqual([]);
  });

  it('keeps the audit rows written before the migration verifiable, and chains the new ones with their columns', async () => {
    const migration = new AccountsAndSessions1764900000000();
    const runner = db.dataSource.createQueryRunner();
    try {
      // A database as it was before: a row written without the request columns.
      // (On PGlite the runner holds the one connection: everything goes through it until released.)
      await migration.down(runner);
      await runner.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ('officer-old', 'case.open', 'case', '7', '{"n": 1}')`,
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    await auditLog.appendRequest({
      actor: 'wang.wu',
      actorRoles: ['inspector', 'head'],
      action: 'POST /api/cases/:id/actions/:action',
      entity: 'Case',
      entityId: '7',
      details: { params: { id: '7', action: 'file' } },
      remoteAddress: '203.0.113.9',
      outcome: 'ok',
    });
    const chain = new CustodyChainRepository(db);
    expect(await chain.disagreements('audit_log', null, 10)).toEqual([]);
    // The old row's recorded form has no request columns; the new row's has them (they are covered by its hash).
    const rows = await db.dataSource.query<{ actor: string; row: Record<string, unknown> }[]>(
      `SELECT l.actor, e.payload->'row' AS row FROM audit_log l JOIN custody_event e ON e.seq = l.chain_seq
       WHERE l.actor IN ('officer-old', 'wang.wu') ORDER BY l.id`,
    );
    expect(rows[0].row).not.toHaveProperty('outcome');
    // Hashed naively (every column, null or not), the old row would no longer match its recorded hash.
    const [naive] = await db.dataSource.query<{ same: boolean }[]>(
      `SELECT encode(sha256(convert_to((to_jsonb(l) - 'chain_seq' - 'prev_hash' - 'row_hash')::text, 'UTF8')), 'hex')
                = (e.payload->>'rowHash') AS same
       FROM audit_log l JOIN custody_event e ON e.seq = l.chain_seq WHERE l.actor = 'officer-old'`,
    );
    expect(naive.same).toBe(false);
    expect(rows[1].row).toMatchObject({
      outcome: 'ok',
      remote_address: '203.0.113.9',
      actor_roles: ['inspector', 'head'],
    });
    // Append-only still: the request columns cannot be rewritten either.
    await expect(
      db.dataSource.query(`UPDATE audit_log SET outcome = 'ok' WHERE actor = 'officer-old'`),
    ).rejects.toThrow(/append-only/);
  });

  it('adds an account once per username', async () => {
    const a = await accounts.insert(account('li.si'));
    expect(a).toMatchObject({ username: 'li.si', roles: ['inspector'], regionCode: '3302', disabled: false });
    expect(await accounts.insert(account('li.si', { displayName: 'other' }))).toBeNull();
    expect((await accounts.byUsername('li.si'))?.id).toBe(a?.id);
    expect(await accounts.byId('not-a-number')).toBeNull();
  });

  it('counts concurrent wrong passwords without losing one', async () => {
    const a = (await accounts.insert(account('zhao.liu')))!;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        accounts.updateLoginState(a.id, (s) => ({
          failedLogins: s.failedLogins + 1,
          lockedUntil: s.lockedUntil,
        })),
      ),
    );
    expect((await accounts.byId(a.id))?.failedLogins).toBe(8);
  });

  it('lists accounts of a region: officers under it and firms whose credit code is in it', async () => {
    await accounts.insert(account('hz.officer', { regionCode: '3301' }));
    await accounts.insert(
      account('nb.firm', {
        roles: ['firm'],
        regionCode: null,
        certificateNumber: null,
        firmCreditCode: '91330201MA2GT0AB16',
      }),
    );
    const names = (await accounts.list({ regionPrefix: '3302' })).map((a) => a.username);
    expect(names).toContain('nb.firm');
    expect(names).toContain('li.si');
    expect(names).not.toContain('hz.officer');
  });

  it('finds a token by its hash with its owner, revokes it once, and records its use', async () => {
    const owner = (await accounts.byUsername('li.si'))!;
    const t = await tokens.insert({
      userId: owner.id,
      name: 'export',
      tokenHash: 'a'.repeat(64),
      createdBy: 'admin',
      createdAt: T0,
      expiresAt: new Date(T0.getTime() + 86_400_000),
    });
    const found = await tokens.byHash('a'.repeat(64));
    expect(found?.token).toMatchObject({ id: t.id, name: 'export', revokedAt: null, username: 'li.si' });
    expect(found?.account).toMatchObject({ username: 'li.si', roles: ['inspector'], disabled: false });
    expect(await tokens.byHash('b'.repeat(64))).toBeNull();

    await tokens.touch(t.id, T0);
    await tokens.touch(t.id, new Date(T0.getTime() + 10_000)); // within the minute: not written again
    expect((await tokens.byId(t.id))?.lastUsedAt?.toISOString()).toBe(T0.toISOString());

    expect(await tokens.revoke(t.id, new Date(T0.getTime() + 60_000))).toBe(true);
    expect(await tokens.revoke(t.id, new Date(T0.getTime() + 120_000))).toBe(true);
    expect((await tokens.byId(t.id))?.revokedAt?.toISOString()).toBe(
      new Date(T0.getTime() + 60_000).toISOString(),
    );
    expect(await tokens.revoke('999999', T0)).toBe(false);
  });

  it('keeps sessions by hash, ends them per user, and purges the expired', async () => {
    const owner = (await accounts.byUsername('li.si'))!;
    const s = (h: string, at: Date) => ({
      idHash: h.repeat(64),
      userId: owner.id,
      createdAt: at,
      lastSeenAt: at,
      remoteAddress: '127.0.0.1',
    });
    await sessions.insert(s('c', T0));
    await sessions.insert(s('d', T0));
    await sessions.insert(s('e', new Date(T0.getTime() - 86_400_000)));
    expect((await sessions.byHash('c'.repeat(64)))?.account.username).toBe('li.si');
    expect(await sessions.deleteExpired(new Date(T0.getTime() - 3_600_000), new Date(0))).toBe(1);
    await sessions.deleteForUser(owner.id, 'c'.repeat(64));
    expect(await sessions.byHash('d'.repeat(64))).toBeNull();
    expect(await sessions.byHash('c'.repeat(64))).not.toBeNull();
  });

  it('lists the audit log newest first with filters, a cursor and a region scope', async () => {
    const entry = (actor: string, action: string, entity: string, entityId: string | null) =>
      auditLog.appendRequest({
        actor,
        actorRoles: [],
        action,
        entity,
        entityId,
        details: {},
        remoteAddress: null,
        outcome: 'ok',
      });
    await entry('li.si', 'GET /api/findings', 'Finding', null);
    await entry('li.si', 'POST /api/cases/:id/actions/:action', 'Case', '41');
    await entry('hz.officer', 'POST /api/cases/:id/actions/:action', 'Case', '42');
    await entry('nb.firm', 'POST /api/inspections', 'Inspection', null);

    const byActor = await auditLog.query({ actor: 'li.si', limit: 10 });
    expect(byActor.map((r) => r.action).slice(0, 2)).toEqual([
      'POST /api/cases/:id/actions/:action',
      'GET /api/findings',
    ]);
    expect((await auditLog.query({ object: 'Case:42', limit: 10 })).map((r) => r.actor)).toEqual([
      'hz.officer',
    ]);
    expect((await auditLog.query({ object: '41', limit: 10 })).map((r) => r.actor)).toEqual(['li.si']);
    expect((await auditLog.query({ action: 'POST /api/cases', limit: 10 })).length).toBeGreaterThanOrEqual(2);

    const first = await auditLog.query({ limit: 2 });
    const next = await auditLog.query({ limit: 2, before: first[1].id });
    expect(BigInt(next[0].id)).toBeLessThan(BigInt(first[1].id));

    const ningbo = await auditLog.query({ regionPrefix: '3302', limit: 100 });
    const actors = new Set(ningbo.map((r) => r.actor));
    expect(actors.has('li.si')).toBe(true);
    expect(actors.has('nb.firm')).toBe(true);
    expect(actors.has('hz.officer')).toBe(false);
    expect(actors.has('officer-old')).toBe(false); // no account: bureau-wide callers only
  });
});
