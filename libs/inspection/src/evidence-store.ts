import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppConfig } from '@app/config';
import { DomainError, isDomainError } from '@app/common';
import { digestSealed, loadKeyring, openSealed, sealFile, type Keyring } from '@app/crypto';

/** Folders of the store: only bioaudit's own user may enter them. */
const DIR_MODE = 0o700;
/** A kept file: read-only, for the owner only. */
const FILE_MODE = 0o400;

/**
 * Keeps every received file immutable and content-addressed (`<dir>/sha256/ab/abcdef…`), sealed at rest
 * (AES-256-GCM with a per-file data key wrapped by the master key; format in `@app/crypto` sealed-file.ts).
 * The address and every hash are over the plaintext, so a batch's recorded SHA-256 can be proved against
 * the bytes received at any later time; reading authenticates every frame, so a stored file altered,
 * replaced or cut fails (KEYS.TAMPERED / KEYS.NOT_SEALED) rather than reading as other bytes.
 *
 * Read API (for verification): `open(sha256)` streams the plaintext, `sha256Of(path)` hashes it.
 */
export class EvidenceStore {
  private ring: Keyring | null = null;

  /** `keys`: the keyring, or how to load it on first use (so a process that never touches evidence never reads a key). */
  constructor(
    private readonly dir: string,
    private readonly keyring: Keyring | (() => Keyring),
  ) {}

  /** The store of a configuration, with its master keys (BIOAUDIT_MASTER_KEY or the key file), loaded when first needed. */
  static forConfig(config: Pick<AppConfig, 'evidenceDir' | 'keys'>): EvidenceStore {
    return new EvidenceStore(config.evidenceDir, () => loadKeyring(config.keys));
  }

  private get keys(): Keyring {
    this.ring ??= typeof this.keyring === 'function' ? this.keyring() : this.keyring;
    return this.ring;
  }

  /** Where the sealed copy of the file with this plaintext SHA-256 lives (or would live). */
  pathFor(sha256: string): string {
    return path.join(this.dir, 'sha256', sha256.slice(0, 2), sha256);
  }

  /**
   * Seals `file` into the store (once per content) and returns where it lives. The plaintext is hashed while
   * it is sealed, in one pass: INGEST.FILE_CHANGED if it is not the `sha256` the caller hashed before.
   */
  async keep(file: string, sha256: string): Promise<string> {
    const target = this.pathFor(sha256);
    try {
      await stat(target);
      return target;
    } catch {
      await mkdir(this.dir, { recursive: true, mode: DIR_MODE });
      await chmod(this.dir, DIR_MODE);
      await mkdir(path.dirname(target), { recursive: true, mode: DIR_MODE });
      const tmp = `${target}.${process.pid}.tmp`;
      await rm(tmp, { force: true });
      try {
        const copied = await sealFile(file, tmp, this.keys);
        if (copied.sha256 !== sha256) {
          throw new DomainError('INGEST.FILE_CHANGED', `${file} changed while it was being received`, {
            file,
          });
        }
        await chmod(tmp, FILE_MODE);
        await rename(tmp, target);
      } finally {
        await rm(tmp, { force: true });
      }
      return target;
    }
  }

  /**
   * The plaintext of the stored file with this SHA-256, as a stream. It ends with an error (KEYS.TAMPERED,
   * KEYS.NOT_SEALED, KEYS.UNKNOWN_KEY, or ENOENT) rather than yield bytes that do not authenticate.
   */
  open(sha256: string): Readable {
    return openSealed(this.pathFor(sha256), this.keys);
  }

  /**
   * SHA-256 and size of the plaintext of a sealed file at `file` (a batch's storage path). Rejects with
   * KEYS.TAMPERED / KEYS.NOT_SEALED / KEYS.UNKNOWN_KEY when the file does not authenticate, ENOENT if gone.
   */
  sha256Of(file: string): Promise<{ sha256: string; size: number }> {
    return digestSealed(file, this.keys);
  }

  /** Re-hashes a stored file and says whether it still has the recorded hash (false when it does not authenticate). */
  async verify(
    sha256: string,
  ): Promise<{ path: string; intact: boolean; actual: string | null; reason: string | null }> {
    const p = this.pathFor(sha256);
    try {
      const { sha256: actual } = await this.sha256Of(p);
      return {
        path: p,
        intact: actual === sha256,
        actual,
        reason: actual === sha256 ? null : 'hash differs',
      };
    } catch (e) {
      return {
        path: p,
        intact: false,
        actual: null,
        reason: isDomainError(e) ? e.code : (e as Error).message,
      };
    }
  }
}
