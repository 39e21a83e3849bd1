import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { chmod, lstat, readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { DomainError, isDomainError } from '@app/common';
import { CRYPTO_ERRORS } from './crypto.errors';
import {
  Keyring,
  forgetLoadedKeyrings,
  keyIdOf,
  loadKeyring,
  readKeyFile,
  writeKeyFile,
  MASTER_KEY_BYTES,
  type KeySettings,
} from './keyring';
import { readSealedHeader, rewrapSealed, sealFile } from './sealed-file';

/** What `keys rotate` did. Only key ids, never keys. */
export interface RotationReport {
  /** The key every file is now wrapped by. */
  current: string;
  /** Keys no longer needed: dropped from the key file, or to be removed from BIOAUDIT_PREVIOUS_MASTER_KEYS. */
  retired: string[];
  source: string;
  rewrapped: number;
  alreadyCurrent: number;
  /** Plain files of an earlier version (before sealing) sealed in place. */
  sealedLegacy: number;
}

/** What `keys status` shows: the current key and how many stored files each key wraps. */
export interface KeyStatus {
  current: string;
  source: string;
  filesByKey: Record<string, number>;
  unsealed: number;
}

/** Every regular file under `dirs` (symbolic links and work files — dot-names, `.tmp` — left out). */
async function* storedFiles(dirs: readonly string[]): AsyncGenerator<string> {
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.name.startsWith('.') || entry.name.endsWith('.tmp')) continue;
      if (entry.isDirectory()) yield* storedFiles([p]);
      else if (entry.isFile() && (await lstat(p)).isFile()) yield p;
    }
  }
}

/** Seals a plain file in place (same name, same plaintext, so the hashes on record still hold). */
async function sealInPlace(file: string, keyring: Keyring): Promise<void> {
  const mode = (await lstat(file)).mode & 0o777;
  const tmp = `${file}.${process.pid}.tmp`;
  await rm(tmp, { force: true });
  await sealFile(file, tmp, keyring);
  await chmod(tmp, mode & 0o600 || 0o400);
  await rename(tmp, file);
}

/** The current key and, per key id, how many files under `dirs` it wraps. */
export async function keyStatus(settings: KeySettings, dirs: readonly string[]): Promise<KeyStatus> {
  const ring = loadKeyring(settings);
  const filesByKey: Record<string, number> = {};
  let unsealed = 0;
  for await (const f of storedFiles(dirs)) {
    const h = await readSealedHeader(f);
    if (h) filesByKey[h.keyId] = (filesByKey[h.keyId] ?? 0) + 1;
    else unsealed += 1;
  }
  return { current: ring.current.id, source: ring.source, filesByKey, unsealed };
}

/**
 * Re-wraps the data key of every sealed file under `dirs` with the current master key (the header only; the
 * payload is not rewritten), and seals any plain file an earlier version left. With the key file, a new
 * master key is generated first and the old ones are dropped from the file once every file is re-wrapped;
 * with BIOAUDIT_MASTER_KEY, the new key is the variable and the old ones come from
 * BIOAUDIT_PREVIOUS_MASTER_KEYS. Safe to run again after an interruption. Run it while no other process
 * writes the store (the CLI holds the embedded database's lock while it runs).
 */
export async function rotateKeys(
  settings: KeySettings,
  dirs: readonly string[],
  /** Re-seals what is sealed outside the files (terminal credentials) while the old keys still open it. */
  beforeRetire?: (ring: Keyring) => Promise<void>,
): Promise<RotationReport> {
  let ring: Keyring;
  let retired: string[];
  const fileMode = !settings.masterKey;
  if (fileMode) {
    const old = fs.existsSync(settings.keyFile) ? readKeyFile(settings.keyFile) : null;
    const key = randomBytes(MASTER_KEY_BYTES);
    const fresh = { id: keyIdOf(key), key };
    const previous = old ? old.ids().map((id) => old.find(id)!) : [];
    // The new key goes first, the old ones stay until every file is re-wrapped (an interruption loses nothing).
    writeKeyFile(settings.keyFile, [fresh, ...previous]);
    forgetLoadedKeyrings();
    ring = new Keyring(fresh, previous, settings.keyFile);
    retired = previous.map((k) => k.id);
  } else {
    ring = loadKeyring(settings);
    retired = ring.ids().filter((id) => id !== ring.current.id);
  }
  const report: RotationReport = {
    current: ring.current.id,
    retired,
    source: ring.source,
    rewrapped: 0,
    alreadyCurrent: 0,
    sealedLegacy: 0,
  };
  const failed: string[] = [];
  let firstCode: string | null = null;
  for await (const f of storedFiles(dirs)) {
    try {
      if (!(await readSealedHeader(f))) {
        await sealInPlace(f, ring);
        report.sealedLegacy += 1;
      } else if ((await rewrapSealed(f, ring)) === 'rewrapped') report.rewrapped += 1;
      else report.alreadyCurrent += 1;
    } catch (e) {
      firstCode ??= isDomainError(e) ? e.code : null;
      failed.push(`${f}: ${isDomainError(e) ? e.code : (e as Error).message}`);
    }
  }
  if (failed.length > 0) {
    throw new DomainError(
      firstCode === CRYPTO_ERRORS.TAMPERED ? CRYPTO_ERRORS.TAMPERED : CRYPTO_ERRORS.UNKNOWN_KEY,
      `${failed.length} stored file(s) could not be re-wrapped (the old keys are kept): ${failed.slice(0, 3).join('; ')}`,
      { failed },
    );
  }
  await beforeRetire?.(ring);
  if (fileMode) {
    writeKeyFile(settings.keyFile, [ring.find(ring.current.id)!]);
    forgetLoadedKeyrings();
  }
  return report;
}
