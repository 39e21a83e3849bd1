import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';
import { openEmbeddedDatabase } from './embedded-database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = path.join(__dirname, '..', '..', '..', '..');

/**
 * Issue 9, failure 8, with the real embedded database in a child process: a holder paused for 15 s keeps
 * its database and finishes cleanly on resume; a holder whose lock is taken from it stops with exit 75 and
 * one line — never the stack dump of a crash.
 */
describe('embedded database held by a child process', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioaudit-embedded-child-'));
  const children: ChildProcess[] = [];

  beforeAll(() => {
    const compile = (from: string, to: string, rewrite: (code: string) => string = (c) => c) => {
      const { code } = transformFileSync(from, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      fs.writeFileSync(path.join(root, to), rewrite(code));
    };
    compile(path.join(__dirname, 'process-lock.ts'), 'process-lock.js');
    compile(path.join(ROOT, 'libs', 'common', 'src', 'domain-error.ts'), 'domain-error.js');
    compile(path.join(__dirname, 'embedded-database.ts'), 'embedded-database.js', (c) =>
      c.replace(/require\("@app\/common"\)/g, 'require("./domain-error.js")'),
    );
    // Opens the database, says so, then writes `rows` rows 100 ms apart, and closes.
    fs.writeFileSync(
      path.join(root, 'holder.js'),
      `const { openEmbeddedDatabase } = require('./embedded-database.js');
(async () => {
  const rows = Number(process.argv[3]);
  const db = await openEmbeddedDatabase(process.argv[2]);
  await db.db.exec('CREATE TABLE IF NOT EXISTS tick (n int)');
  process.stdout.write('open\\n');
  for (let n = 0; n < rows; n++) {
    await db.db.query('INSERT INTO tick VALUES ($1)', [n]);
    await new Promise((r) => setTimeout(r, 100));
  }
  await db.close();
  process.stdout.write('closed\\n');
})();
`,
    );
  });

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  });

  function holder(dataDir: string, rows: number) {
    const child = spawn(process.execPath, [path.join(root, 'holder.js'), dataDir, String(rows)], {
      env: { NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, out, exit };
  }

  async function untilOpen(out: { stdout: string; stderr: string }) {
    for (let i = 0; i < 600 && !out.stdout.includes('open'); i += 1) await sleep(50);
    expect(out).toMatchObject({ stdout: 'open\n', stderr: '' });
  }

  it('a holder paused for 15 s keeps the database, resumes and closes cleanly', async () => {
    const dataDir = path.join(root, 'paused', 'db');
    const h = holder(dataDir, 40);
    await untilOpen(h.out);
    h.child.kill('SIGSTOP');
    await sleep(15_000);
    await expect(openEmbeddedDatabase(dataDir)).rejects.toMatchObject({ code: 'DB.EMBEDDED_LOCKED' });
    h.child.kill('SIGCONT');
    expect(await h.exit).toBe(0);
    expect(h.out).toEqual({ stdout: 'open\nclosed\n', stderr: '' });
    const db = await openEmbeddedDatabase(dataDir);
    const r = await db.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tick');
    expect(r.rows[0].n).toBe(40);
    await db.close();
  }, 90_000);

  it('a holder whose lock is taken from it stops with exit 75 and one line', async () => {
    const dataDir = path.join(root, 'taken', 'db');
    const h = holder(dataDir, 300);
    await untilOpen(h.out);
    const lock = path.join(root, 'taken', 'db.lock');
    fs.rmSync(lock);
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: 1, start: null, host: os.hostname(), token: 'someone-else' }),
    );
    expect(await h.exit).toBe(75);
    expect(h.out.stderr).toMatch(/^bioaudit: DB\.EMBEDDED_LOCKED: [^\n]*\n$/);
    // Its exit left the other's lock alone.
    expect(fs.readFileSync(lock, 'utf8')).toContain('someone-else');
  }, 90_000);
});
