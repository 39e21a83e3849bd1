import { readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Where a document is written before it is complete: a hidden file beside `outPath` (same folder, so the
 * final rename is atomic) named by the writing process, `.<name>.<pid>.partial`. A render killed mid-way
 * leaves only this, never a half document at `outPath`; the next render in the folder removes it.
 */
export function tempPathFor(outPath: string, pid = process.pid): string {
  return path.join(path.dirname(outPath), `.${path.basename(outPath)}.${pid}.partial`);
}

const TEMP = /^\.(.+)\.(\d+)\.partial$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files that renders killed earlier left in `dir` (their process is gone), and the
 * `<name>.partial` files of versions before this naming. A live render's temporary file is left alone.
 * Returns the names removed.
 */
export async function removeStaleTemps(
  dir: string,
  isAlive: (pid: number) => boolean = alive,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = TEMP.exec(n);
    if (m) return Number(m[2]) !== process.pid && !isAlive(Number(m[2]));
    return n.endsWith('.partial') && !n.startsWith('.');
  });
  for (const n of stale) await rm(path.join(dir, n), { force: true });
  return stale;
}
