import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openEmbeddedDatabase } from './embedded-database';

describe('openEmbeddedDatabase', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioaudit-embedded-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates missing parent folders, persists across reopen, and refuses a second holder', async () => {
    const dir = path.join(root, 'nested', 'db');
    const first = await openEmbeddedDatabase(dir);
    await first.db.exec('CREATE TABLE kept (v int); INSERT INTO kept VALUES (42);');
    await expect(openEmbeddedDatabase(dir)).rejects.toMatchObject({ code: 'DB.EMBEDDED_LOCKED' });
    await first.close();

    const again = await openEmbeddedDatabase(dir);
    const r = await again.db.query<{ v: number }>('SELECT v FROM kept');
    expect(r.rows).toEqual([{ v: 42 }]);
    await again.close();
  }, 30_000);

  it("runs with the configured shared buffers, and PGlite's own start parameters otherwise unchanged", async () => {
    const dir = path.join(root, 'buffers', 'db');
    const sized = await openEmbeddedDatabase(dir, { sharedBuffersMb: 32 });
    const shown = async (db: typeof sized.db, name: string) =>
      (await db.query<{ setting: string }>(`SELECT current_setting($1) AS setting`, [name])).rows[0].setting;
    expect(await shown(sized.db, 'shared_buffers')).toBe('32MB');
    expect(await shown(sized.db, 'search_path')).toBe('public');
    expect(await shown(sized.db, 'max_parallel_workers')).toBe('0');
    await sized.close();
    const unsized = await openEmbeddedDatabase(dir);
    expect(await shown(unsized.db, 'shared_buffers')).toBe('128MB');
    await unsized.close();
  }, 60_000);

  it('keeps every file of the database private (0700 folders, no group or other bits), mending an old folder', async () => {
    const dir = path.join(root, 'private', 'db');
    fs.mkdirSync(dir, { recursive: true });
    // A folder left by an earlier version: PGlite wrote its files world-writable.
    fs.writeFileSync(path.join(dir, 'old-file'), 'x');
    fs.chmodSync(path.join(dir, 'old-file'), 0o666);
    fs.chmodSync(dir, 0o777);
    const db = await openEmbeddedDatabase(dir);
    await db.db.exec('CREATE TABLE t (v int); INSERT INTO t SELECT generate_series(1, 1000);');
    await db.close();
    const open: string[] = [];
    const walk = (p: string): void => {
      const st = fs.lstatSync(p);
      if ((st.mode & 0o077) !== 0) open.push(`${p} ${(st.mode & 0o777).toString(8)}`);
      if (st.isDirectory()) for (const n of fs.readdirSync(p)) walk(path.join(p, n));
    };
    walk(path.join(root, 'private'));
    expect(open).toEqual([]);
    expect(fs.readdirSync(dir).length).toBeGreaterThan(10);
  }, 30_000);
});
