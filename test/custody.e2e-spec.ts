import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTempDir, createTestPostgresDatabase, TEST_PG_ADMIN_URL } from '@app/testing';
import { bioaudit, oneLineFailure, ROOT } from './cli-runner';

const FIXTURE = path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
const KEY = randomBytes(32).toString('base64');

/** `bioaudit verify` through the built CLI: 0 with a summary on untouched evidence, 4 naming the first break. */
describe('bioaudit verify (built CLI)', () => {
  const tmp = createTempDir();
  afterAll(() => tmp.remove());

  it('embedded: verifies, exports an anchor, and exits 4 naming an edited raw file', async () => {
    const env = {
      BIOAUDIT_HOME: path.join(tmp.dir, 'home'),
      BIOAUDIT_OPERATOR: 'e2e',
      BIOAUDIT_MASTER_KEY: KEY,
    };
    expect((await bioaudit(['inspect', FIXTURE, '--date', '2021-04-21'], env)).code).toBe(0);
    const ok = await bioaudit(['verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^intact: \d+ chain entries, 5 files re-hashed, 4 batches' rows re-digested\n/);
    const anchor = await bioaudit(['verify', '--anchor'], env);
    expect(anchor.stdout).toMatch(/^bioaudit-custody-v2:\d+:[0-9a-f]{64}:[0-9a-f]{16}:[A-Za-z0-9_-]{86}\n$/);
    expect((await bioaudit(['verify', '--against', anchor.stdout.trim()], env)).code).toBe(0);

    const store = path.join(env.BIOAUDIT_HOME, 'evidence', 'sha256');
    const [dir] = readdirSync(store);
    const file = path.join(store, dir, readdirSync(path.join(store, dir))[0]);
    const original = readFileSync(file);
    chmodSync(file, 0o600);
    writeFileSync(file, Buffer.concat([original, Buffer.from('x')]));
    const broken = await bioaudit(['verify'], env);
    expect(broken.code).toBe(4);
    expect(oneLineFailure(broken)).toMatch(
      /^bioaudit: VERIFY\.CUSTODY_BROKEN: raw file of batch \d+ was altered/,
    );
    writeFileSync(file, original);
    expect((await bioaudit(['verify'], env)).code).toBe(0);
  }, 180_000);

  it('signed anchors: exported with the public key, checked by a third party holding only the public key; a forgery exits 4', async () => {
    // No BIOAUDIT_SIGNING_KEY: the key file is generated beside the master key file, with one warning.
    const home = path.join(tmp.dir, 'home-signed');
    const env = { BIOAUDIT_HOME: home, BIOAUDIT_OPERATOR: 'e2e', BIOAUDIT_SIGNING_KEY: '' };
    const inspected = await bioaudit(['inspect', FIXTURE, '--date', '2021-04-21'], env);
    expect(inspected.code).toBe(0);
    const keyFile = path.join(home, 'signing.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const warnings = inspected.stderr.split('\n').filter((l) => l.includes('BIOAUDIT_SIGNING_KEY'));
    expect(warnings).toEqual([
      expect.stringMatching(/^bioaudit: warning: BIOAUDIT_SIGNING_KEY is not set; generated the key file /),
    ]);
    expect(inspected.stderr).not.toContain('PRIVATE KEY');

    const exported = await bioaudit(['verify', '--public-key'], env);
    expect(exported.code).toBe(0);
    const [, pem, fingerprint] =
      /^(-----BEGIN PUBLIC KEY-----\n[\s\S]+?\n-----END PUBLIC KEY-----)\nfingerprint \(SHA-256 of the DER\): ([0-9a-f]{64})\n$/.exec(
        exported.stdout,
      )!;
    expect(
      createHash('sha256')
        .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    ).toBe(fingerprint);
    expect(exported.stdout).not.toContain('PRIVATE');
    const pubFile = path.join(tmp.dir, 'bureau-public.pem');
    writeFileSync(pubFile, `${pem}\n`);
    const anchor = (await bioaudit(['verify', '--anchor'], env)).stdout.trim();
    expect(anchor.split(':')[3]).toBe(fingerprint.slice(0, 16));

    // The third party: the private key is not there, none is generated, the public key file checks the anchor.
    renameSync(keyFile, `${keyFile}.away`);
    const third = await bioaudit(['verify', '--against', anchor, '--public-key-file', pubFile], env);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/, 1 anchors matched\n/);
    expect(third.stderr).toBe('');
    expect(existsSync(keyFile)).toBe(false);

    // A forged anchor (another hash, the signature copied) and one signed by another key exit 4 naming it.
    const [prefix, seq, , kid, sig] = anchor.split(':');
    const forged = `${prefix}:${seq}:${'f'.repeat(64)}:${kid}:${sig}`;
    const refused = await bioaudit(['verify', '--against', forged, '--public-key-file', pubFile], env);
    expect(refused.code).toBe(4);
    expect(oneLineFailure(refused)).toBe(
      `bioaudit: VERIFY.CUSTODY_BROKEN: anchor ${forged} has a bad signature (key ${kid}): it was forged or altered`,
    );
    const otherPub = path.join(tmp.dir, 'other-public.pem');
    writeFileSync(
      otherPub,
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    const wrongKey = await bioaudit(['verify', '--against', anchor, '--public-key-file', otherPub], env);
    expect(wrongKey.code).toBe(4);
    expect(oneLineFailure(wrongKey)).toMatch(
      new RegExp(`anchor .* was signed by key ${kid}, not by the key`),
    );
    // With its own key back, the deployment proves the anchor and the unsigned v1 form of it.
    renameSync(`${keyFile}.away`, keyFile);
    const v1 = `bioaudit-custody-v1:${seq}:${anchor.split(':')[2]}`;
    expect((await bioaudit(['verify', '--against', anchor, '--against', v1], env)).code).toBe(0);
  }, 180_000);

  it('PostgreSQL: migrate as the owner creates the application role; the app runs as it; a forged hash exits 4', async () => {
    const pg = await createTestPostgresDatabase();
    const role = `bioaudit_app_${randomBytes(4).toString('hex')}`;
    const appUrl = new URL(pg.url);
    appUrl.username = role;
    const env = {
      BIOAUDIT_HOME: path.join(tmp.dir, 'home-pg'),
      BIOAUDIT_OPERATOR: 'e2e',
      BIOAUDIT_MASTER_KEY: KEY,
      DATABASE_URL: appUrl.toString(),
      MIGRATION_DATABASE_URL: pg.url,
    };
    const owner = new Client({ connectionString: pg.url });
    try {
      const migrated = await bioaudit(['migrate'], env);
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain(`application role ${role} created`);
      expect((await bioaudit(['inspect', FIXTURE, '--date', '2021-04-21'], env)).code).toBe(0);
      expect((await bioaudit(['verify'], env)).code).toBe(0);
      expect((await bioaudit(['ingest', 'verify', '1'], env)).code).toBe(0);

      await owner.connect();
      await expect(
        owner.query(`UPDATE ingest_batch SET sha256 = repeat('a', 64) WHERE id = 1`),
      ).rejects.toThrow(/cannot change/);
      await owner.query('BEGIN');
      await owner.query('SET LOCAL session_replication_role = replica');
      await owner.query(`UPDATE ingest_batch SET sha256 = repeat('a', 64) WHERE id = 1`);
      await owner.query('COMMIT');
      const broken = await bioaudit(['verify'], env);
      expect(broken.code).toBe(4);
      expect(oneLineFailure(broken)).toMatch(
        /^bioaudit: VERIFY\.CUSTODY_BROKEN: ingest_batch 1 \(entry #\d+\) changed since it was recorded$/,
      );
    } finally {
      await owner.end().catch(() => undefined);
      await pg.drop();
      const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    }
  }, 180_000);
});
