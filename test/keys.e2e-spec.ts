import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTempDir } from '@app/testing';
import { bioaudit, CONFIGURED_AUTHORITY, ROOT } from './cli-runner';

const FIXTURE = path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');

interface Status {
  current: string;
  filesByKey: Record<string, number>;
  unsealed: number;
}

/** Rotation through the built CLI, as docs/operations.md tells an operator with BIOAUDIT_MASTER_KEY to do it. */
describe('bioaudit keys (built)', () => {
  const tmp = createTempDir();
  afterAll(() => tmp.remove());

  it('rotates to a new master key: every stored file re-wrapped, evidence still verifies, no key ever printed', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const env = {
      BIOAUDIT_HOME: path.join(tmp.dir, 'home'),
      BIOAUDIT_OPERATOR: 'e2e',
      BIOAUDIT_MASTER_KEY: oldKey,
      ...CONFIGURED_AUTHORITY,
    };
    const out = path.join(tmp.dir, 'out');
    const inspect = await bioaudit(['inspect', FIXTURE, '--json', '--out', out, '--date', '2021-04-21'], env);
    expect(inspect.code).toBe(0);
    expect(
      readFileSync(path.join(out, readdirSync(out)[0]))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const before = await bioaudit(['keys', 'status', '--json'], env);
    expect(before.code).toBe(0);
    const s0 = JSON.parse(before.stdout) as Status;
    const stored = Object.values(s0.filesByKey).reduce((a, b) => a + b, 0);
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(s0).toMatchObject({ filesByKey: { [s0.current]: stored }, unsealed: 0 });

    const rotatedEnv = { ...env, BIOAUDIT_MASTER_KEY: newKey, BIOAUDIT_PREVIOUS_MASTER_KEYS: oldKey };
    const rotate = await bioaudit(['keys', 'rotate', '--json'], rotatedEnv);
    expect(rotate.code).toBe(0);
    expect(JSON.parse(rotate.stdout)).toMatchObject({ retired: [s0.current], rewrapped: stored });

    // The old key is gone from the configuration: everything reads with the new one alone.
    const newOnly = { ...env, BIOAUDIT_MASTER_KEY: newKey };
    const after = JSON.parse((await bioaudit(['keys', 'status', '--json'], newOnly)).stdout) as Status;
    expect(after.filesByKey).toEqual({ [after.current]: stored });
    expect(after.current).not.toBe(s0.current);
    for (const batch of ['1', '2', '3', '4']) {
      const v = await bioaudit(['ingest', 'verify', batch], newOnly);
      expect(v.code).toBe(0);
      expect(JSON.parse(v.stdout)).toMatchObject({ intact: true });
    }
    // With only the old key, the files no longer open: the batch is reported altered/unreadable, exit 4.
    expect((await bioaudit(['ingest', 'verify', '1'], env)).code).toBe(4);

    for (const r of [inspect, before, rotate]) {
      for (const k of [oldKey, newKey]) expect(r.stdout + r.stderr).not.toContain(k);
    }
  }, 240_000);
});
