import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';
import { openEmbeddedDatabase } from './embedded-database';
import { holderLiveness, ProcessLock } from './process-lock';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The lock is judged across real processes: a child takes the database's lock with the very module the
 * embedded database uses (compiled for plain node), then is paused, resumed and killed.
 */
describe('embedded database lock by liveness', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioaudit-lock-'));
  const childScript = path.join(root, 'holder.js');
  const children: ChildProcess[] = [];

  beforeAll(() => {
    const { code } = transformFileSync(path.join(__dirname, 'process-lock.ts'), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    fs.writeFileSync(path.join(root, 'process-lock.js'), code);
    fs.writeFileSync(
      childScript,
      `const { ProcessLock } = require('./process-lock.js');
const r = ProcessLock.acquire(process.argv[2]);
if (!r.acquired) { process.stdout.write('refused\\n'); process.exit(3); }
process.stdout.write('locked\\n');
setInterval(() => process.stdout.write(r.lock.held() ? 'held\\n' : 'lost\\n'), 200);
`,
    );
  });

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Starts a child holding `lockPath`; resolves once it has said `locked`, with its running output. */
  async function holder(lockPath: string): Promise<{ child: ChildProcess; out: () => string }> {
    const child = spawn(process.execPath, [childScript, lockPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    for (let i = 0; i < 100 && !out.includes('locked'); i += 1) await sleep(50);
    expect(out).toContain('locked');
    return { child, out: () => out };
  }

  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) =>
      c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve()),
    );

  it('a paused holder keeps its lock for 15 s and more; on resume it still holds it', async () => {
    const dir = path.join(root, 'paused', 'db');
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const { child, out } = await holder(path.join(path.dirname(dir), 'db.lock'));
    await expect(openEmbeddedDatabase(dir)).rejects.toMatchObject({ code: 'DB.EMBEDDED_LOCKED' });

    child.kill('SIGSTOP');
    await sleep(15_000);
    const refused = await openEmbeddedDatabase(dir).then(
      () => null,
      (e: Error & { code: string }) => e,
    );
    expect(refused?.code).toBe('DB.EMBEDDED_LOCKED');
    expect(refused?.message).toContain(`process ${child.pid} on ${os.hostname()}`);
    const before = out().length;
    child.kill('SIGCONT');
    await sleep(800);
    expect(out().slice(before)).toMatch(/^(held\n)+$/);
    child.kill('SIGKILL');
    await exited(child);
  }, 40_000);

  it('a killed holder (kill -9) loses its lock at once, and the database opens', async () => {
    const dir = path.join(root, 'killed', 'db');
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const { child } = await holder(path.join(path.dirname(dir), 'db.lock'));
    await expect(openEmbeddedDatabase(dir)).rejects.toMatchObject({ code: 'DB.EMBEDDED_LOCKED' });
    child.kill('SIGKILL');
    await exited(child);
    const t0 = Date.now();
    const db = await openEmbeddedDatabase(dir);
    try {
      // The dead holder's lock is cleared at the first try, never after a staleness wait (the legacy lock's 30 s):
      // the open costs what PGlite's start costs, which is seconds, and 15 s on a machine under a full CI's load.
      expect(Date.now() - t0).toBeLessThan(30_000);
      await db.db.exec('SELECT 1');
    } finally {
      // Closed whatever happened above: a database left open would see its folder removed by afterAll, take that
      // as a lost lock and exit the test process (75), ending the whole run.
      await db.close();
    }
  }, 60_000);

  it('a refused process leaves the holder’s lock untouched, and a holder that lost its lock deletes nobody else’s', async () => {
    const lockPath = path.join(root, 'mine.lock');
    const { child } = await holder(lockPath);
    const before = fs.readFileSync(lockPath, 'utf8');
    const refused = ProcessLock.acquire(lockPath);
    expect(refused).toMatchObject({ acquired: false, holder: { pid: child.pid } });
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(before);
    child.kill('SIGKILL');
    await exited(child);

    // We take it over from the dead child; then someone replaces our lock (a takeover we did not see).
    const taken = ProcessLock.acquire(lockPath);
    if (!taken.acquired) throw new Error('the dead child’s lock was not taken over');
    const other = JSON.stringify({ ...ProcessLock.me(), pid: 1 });
    fs.rmSync(lockPath);
    fs.writeFileSync(lockPath, other);
    expect(taken.lock.held()).toBe(false);
    taken.lock.release();
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(other);
  }, 30_000);

  it('takes over the lock folder of an earlier version (proper-lockfile) only once it is no longer renewed', () => {
    const lockPath = path.join(root, 'legacy.lock');
    fs.mkdirSync(lockPath);
    expect(ProcessLock.acquire(lockPath)).toMatchObject({ acquired: false });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, old, old);
    const taken = ProcessLock.acquire(lockPath);
    expect(taken.acquired).toBe(true);
    if (taken.acquired) taken.lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('judges a pid reused by another process (other start time) as dead, and another host as unknown', () => {
    const me = ProcessLock.me();
    expect(holderLiveness(me)).toBe('alive');
    expect(holderLiveness({ ...me, start: `${me.start}-earlier` })).toBe('dead');
    expect(holderLiveness({ ...me, host: `${me.host}-elsewhere` })).toBe('unknown');
  });
});
