import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { verify } from '@node-rs/argon2';
import { hashToken } from '@app/auth';
import { openDatabase } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { bioaudit, oneLineFailure, ROOT, type CliResult } from './cli-runner';

const BIN = process.env.BIOAUDIT_E2E_BIN ?? path.join(ROOT, 'bin', 'bioaudit.js');
const NINGBO_FIRM = '91330201MA2GT0AB16';

/** Runs the built CLI with `input` piped to its stdin (as `echo pw | bioaudit users add …`). */
function withStdin(args: string[], env: Record<string, string>, input: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn('node', [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Bootstrapping accounts and keys from the command line, on the embedded database (issue 10). */
describe('bioaudit users / tokens (built)', () => {
  const tmp = createTempDir();
  const env = { BIOAUDIT_HOME: path.join(tmp.dir, 'home'), BIOAUDIT_OPERATOR: 'e2e' };
  afterAll(() => tmp.remove());

  it('adds accounts (password from stdin, or generated and printed once) and lists them', async () => {
    expect((await bioaudit(['migrate'], env)).code).toBe(0);
    const piped = await withStdin(
      [
        'users',
        'add',
        'wang.wu',
        '--role',
        'inspector,head',
        '--region',
        '3302',
        '--certificate',
        '33020019001',
      ],
      env,
      'a very long password\n',
    );
    expect(piped).toMatchObject({ code: 0, stderr: '' });
    expect(piped.stdout).toBe('user wang.wu (id 1): inspector, head; region 3302\n');

    const generated = await withStdin(
      ['users', 'add', 'acme', '--role', 'firm', '--firm', NINGBO_FIRM],
      env,
      '',
    );
    expect(generated.code).toBe(0);
    const password = /^password: (\S+)$/m.exec(generated.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const list = await bioaudit(['users', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ username: 'acme', roles: ['firm'], firmCreditCode: NINGBO_FIRM }),
      expect.objectContaining({ username: 'wang.wu', roles: ['inspector', 'head'], regionCode: '3302' }),
    ]);
    expect(list.stdout).not.toMatch(/argon2|password/i);

    // Stored as argon2id of exactly the password given (or printed), never in clear.
    const db = await openDatabase({ kind: 'embedded', dataDir: path.join(env.BIOAUDIT_HOME, 'db') });
    try {
      const rows = await db.dataSource.query<{ username: string; password_hash: string }[]>(
        `SELECT username, password_hash FROM user_account ORDER BY username`,
      );
      expect(rows.every((r) => r.password_hash.startsWith('$argon2id$'))).toBe(true);
      expect(await verify(rows[1].password_hash, 'a very long password')).toBe(true);
      expect(await verify(rows[0].password_hash, password!)).toBe(true);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('refuses accounts that break the rules, one line naming the code', async () => {
    const bad = await withStdin(['users', 'add', 'mixed', '--role', 'firm,head'], env, '');
    expect(bad.code).toBe(65);
    expect(oneLineFailure(bad)).toMatch(/^bioaudit: AUTH\.INVALID_ACCOUNT: .*no other role/);
    const taken = await withStdin(['users', 'add', 'acme', '--role', 'observer'], env, '');
    expect(oneLineFailure(taken)).toMatch(/AUTH\.USERNAME_TAKEN/);
    const weak = await withStdin(['users', 'add', 'li.si', '--role', 'observer'], env, 'short\n');
    expect(oneLineFailure(weak)).toMatch(/AUTH\.WEAK_PASSWORD/);
    const none = await bioaudit(['users', 'add', 'li.si'], env);
    expect(none.code).toBe(64);
  }, 60_000);

  it('creates a token printed once (stdout holds only it), stored as its SHA-256, and revokes it', async () => {
    const created = await bioaudit(['tokens', 'create', 'acme', '--expires', '30d', '--name', 'erp'], env);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(created.stdout).toMatch(/^bioaudit_pat_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/token 1 for acme \("erp"\), expires .*shown once/);

    const listed = await bioaudit(['tokens', 'list', 'acme', '--json'], env);
    const [row] = JSON.parse(listed.stdout) as { id: string; expiresAt: string; createdAt: string }[];
    expect(Date.parse(row.expiresAt) - Date.parse(row.createdAt)).toBe(30 * 86_400_000);
    expect(listed.stdout).not.toContain(token);

    const db = await openDatabase({ kind: 'embedded', dataDir: path.join(env.BIOAUDIT_HOME, 'db') });
    try {
      const [stored] = await db.dataSource.query<{ token_hash: string }[]>(
        `SELECT token_hash FROM api_token`,
      );
      expect(stored.token_hash).toBe(hashToken(token));
      const [audit] = await db.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_log WHERE actor = 'e2e' AND action IN ('user.create', 'token.create')`,
      );
      expect(audit.n).toBe(3);
    } finally {
      await db.close();
    }

    const revoked = await bioaudit(['tokens', 'revoke', row.id], env);
    expect(revoked.stdout).toMatch(/^token 1 of acme revoked at /);
    expect(oneLineFailure(await bioaudit(['tokens', 'revoke', '99'], env))).toMatch(/AUTH\.NOT_FOUND/);
    const badDuration = await bioaudit(['tokens', 'create', 'acme', '--expires', '3w'], env);
    expect(badDuration.code).toBe(64);
    expect(oneLineFailure(badDuration)).toMatch(/AUTH\.BAD_DURATION/);
    expect((await bioaudit(['tokens', 'create', 'nobody'], env)).code).toBe(66);
  }, 120_000);
});
