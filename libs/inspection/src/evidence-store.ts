import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, rename, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { hashFile } from '@app/ingestion';
import { DomainError } from '@app/common';

/**
 * Keeps every received file immutable and content-addressed (`<dir>/sha256/ab/abcdef…`), so a batch's
 * recorded SHA-256 can be proved against the bytes at any later time.
 */
export class EvidenceStore {
  constructor(private readonly dir: string) {}

  pathFor(sha256: string): string {
    return path.join(this.dir, 'sha256', sha256.slice(0, 2), sha256);
  }

  /** Copies `file` into the store (once per content); returns where it lives. */
  async keep(file: string, sha256: string): Promise<string> {
    const target = this.pathFor(sha256);
    try {
      await stat(target);
      return target;
    } catch {
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      await copyFile(file, tmp, constants.COPYFILE_FICLONE);
      const copied = await hashFile(tmp);
      if (copied.sha256 !== sha256) {
        throw new DomainError('INGEST.FILE_CHANGED', `${file} changed while it was being received`, { file });
      }
      await chmod(tmp, 0o444);
      await rename(tmp, target);
      return target;
    }
  }

  /** Re-hashes a stored file and says whether it still has the recorded hash. */
  async verify(sha256: string): Promise<{ path: string; intact: boolean; actual: string | null }> {
    const p = this.pathFor(sha256);
    try {
      const { sha256: actual } = await hashFile(p);
      return { path: p, intact: actual === sha256, actual };
    } catch {
      return { path: p, intact: false, actual: null };
    }
  }
}
