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
});
