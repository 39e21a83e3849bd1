import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';

/** Who holds a lock: enough to tell, on the same host, whether that very process still runs. */
export interface LockHolder {
  pid: number;
  /** The process's start time as the OS reports it (with the boot id on Linux); null if unknown. */
  start: string | null;
  host: string;
  /** Random per acquisition: a lock is ours only if it carries our token. */
  token: string;
}

export type Liveness = 'alive' | 'dead' | 'unknown';

/** Age after which an earlier version's lock folder (renewed every 5 s while held) is abandoned. */
const LEGACY_STALE_MS = 30_000;

/**
 * The start time of process `pid` (a reused pid has another), or null when it does not run (or is a zombie)
 * or the OS does not say. Linux: boot id + field 22 of /proc/<pid>/stat; elsewhere `ps -o lstart=`.
 */
export function processStartTime(pid: number): string | null {
  if (process.platform === 'linux') {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      if (state === 'Z' || state === 'X') return null;
      const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      return `${boot}:${fields[19]}`;
    } catch {
      return null;
    }
  }
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** Whether the holder still runs. Only a holder on this host can be judged; a stopped process is alive. */
export function holderLiveness(holder: LockHolder, host = os.hostname()): Liveness {
  if (holder.host !== host) return 'unknown';
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
    // EPERM: it runs, under another user.
  }
  const start = processStartTime(holder.pid);
  if (start === null) return process.platform === 'linux' ? 'dead' : holder.start ? 'dead' : 'alive';
  if (holder.start === null) return 'alive';
  return start === holder.start ? 'alive' : 'dead';
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string' || typeof h.token !== 'string') return null;
    return { pid: h.pid, start: typeof h.start === 'string' ? h.start : null, host: h.host, token: h.token };
  } catch {
    return null;
  }
}

export type AcquireResult =
  | { acquired: true; lock: ProcessLock }
  | { acquired: false; holder: LockHolder | null };

/**
 * An exclusive lock on a path held by a process for its whole life, judged by liveness rather than age:
 * a paused process (Ctrl-Z, a sleeping laptop) keeps it however long it sleeps, a dead one loses it at once
 * (its pid is gone, a zombie, or reused by a process with another start time), and a lock is only ever
 * removed by its holder or, once the holder is proved dead, by the next taker — never a live holder's.
 * The file is created whole with `link(2)` (atomic, never seen half-written).
 */
export class ProcessLock {
  private watch: NodeJS.Timeout | null = null;

  private constructor(
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {}

  static me(): LockHolder {
    return {
      pid: process.pid,
      start: processStartTime(process.pid),
      host: os.hostname(),
      token: randomBytes(12).toString('hex'),
    };
  }

  /** Takes the lock, or says who holds it. Clears a dead holder's lock first (at most a few attempts). */
  static acquire(lockPath: string): AcquireResult {
    const me = ProcessLock.me();
    const tmp = `${lockPath}.${process.pid}.${me.token}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(me)}\n`, { mode: 0o600 });
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        try {
          fs.linkSync(tmp, lockPath);
          return { acquired: true, lock: new ProcessLock(lockPath, me) };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        const holder = readHolder(lockPath);
        if (holder === null) {
          if (!fs.existsSync(lockPath)) continue;
          if (ProcessLock.removeLegacy(lockPath)) continue;
          // Unreadable: a foreign file, or a file being replaced. Treated as held.
          return { acquired: false, holder: null };
        }
        if (holderLiveness(holder) !== 'dead') return { acquired: false, holder };
        ProcessLock.removeDead(lockPath, holder);
      }
      return { acquired: false, holder: readHolder(lockPath) };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /**
   * Removes the lock only if it is still the dead holder's: it is renamed aside first (atomic), and put back
   * if what was moved turns out to be a new holder's lock taken in between.
   */
  private static removeDead(lockPath: string, dead: LockHolder): void {
    const aside = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.dead`;
    try {
      fs.renameSync(lockPath, aside);
    } catch {
      return;
    }
    const moved = readHolder(aside);
    if (moved?.token === dead.token) {
      fs.rmSync(aside, { force: true });
      return;
    }
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // A third process took the lock meanwhile; the one moved aside will notice it lost its lock.
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }

  /**
   * An earlier version locked with proper-lockfile: a folder at the same path whose mtime its holder renews
   * every 5 s. That version can only be judged by age; a folder not renewed for 30 s is removed.
   */
  private static removeLegacy(lockPath: string): boolean {
    try {
      const st = fs.lstatSync(lockPath);
      if (!st.isDirectory() || Date.now() - st.mtimeMs < LEGACY_STALE_MS) return false;
      fs.rmdirSync(lockPath);
      return true;
    } catch {
      return false;
    }
  }

  /** Whether the lock file still carries our token. */
  held(): boolean {
    return readHolder(this.lockPath)?.token === this.holder.token;
  }

  /** Checks every `everyMs` that the lock is still ours; calls `lost` once if not (the timer never keeps the process alive). */
  watchLoss(lost: () => void, everyMs = 2000): void {
    this.watch = setInterval(() => {
      if (!this.held()) {
        this.stopWatching();
        lost();
      }
    }, everyMs);
    this.watch.unref();
  }

  private stopWatching(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }

  /** Releases the lock if, and only if, it is still ours. */
  release(): void {
    this.stopWatching();
    if (this.held()) fs.rmSync(this.lockPath, { force: true });
  }
}
