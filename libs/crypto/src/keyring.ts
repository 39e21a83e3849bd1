import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '@app/common';
import { CRYPTO_ERRORS } from './crypto.errors';

export const MASTER_KEY_BYTES = 32;
export const KEY_ID_BYTES = 16;

/** A master key and its id. The id is a hash of the key (safe to print and store); the key never leaves. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The id of a master key: the first 16 bytes of SHA-256 over a label and the key, in hex. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256')
    .update('bioaudit master key id\0')
    .update(key)
    .digest()
    .subarray(0, KEY_ID_BYTES)
    .toString('hex');
}

function parseKey(b64: string, where: string): MasterKey {
  const key = Buffer.from(b64.trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES || key.toString('base64') !== b64.trim()) {
    throw new DomainError(
      CRYPTO_ERRORS.BAD_MASTER_KEY,
      `${where} is not a master key: it must be ${MASTER_KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
      { where },
    );
  }
  return { id: keyIdOf(key), key };
}

/**
 * The master keys of a deployment: the current one wraps new data keys; older ones only unwrap, until
 * `keys rotate` has re-wrapped every file. Keys are kept out of `inspect`, JSON and error messages: only
 * their ids are shown.
 */
export class Keyring {
  private readonly byId: Map<string, MasterKey>;

  constructor(
    readonly current: MasterKey,
    previous: readonly MasterKey[] = [],
    /** Where the keys came from, for messages: `BIOAUDIT_MASTER_KEY` or the key file's path. */
    readonly source = 'BIOAUDIT_MASTER_KEY',
  ) {
    this.byId = new Map([...previous, current].map((k) => [k.id, k]));
    this.byId.set(current.id, current);
  }

  /** A keyring from base64 keys (the first is current). */
  static fromBase64(
    current: string,
    previous: readonly string[] = [],
    source = 'BIOAUDIT_MASTER_KEY',
  ): Keyring {
    return new Keyring(
      parseKey(current, source),
      previous.map((k, i) => parseKey(k, `${source} (previous key ${i + 1})`)),
      source,
    );
  }

  /** A fresh random keyring (tests and key generation). */
  static generate(): Keyring {
    const key = randomBytes(MASTER_KEY_BYTES);
    return new Keyring({ id: keyIdOf(key), key }, [], 'generated');
  }

  find(id: string): MasterKey | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Never prints key material (console.log, JSON.stringify, util.inspect). */
  toJSON(): { current: string; keys: string[]; source: string } {
    return { current: this.current.id, keys: this.ids(), source: this.source };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Keyring(current ${this.current.id}, ${this.byId.size} keys, from ${this.source})`;
  }
}

/** Where a deployment's master keys come from (AppConfig.keys). */
export interface KeySettings {
  /** BIOAUDIT_MASTER_KEY, base64. Secret. */
  masterKey: string | null;
  /** BIOAUDIT_PREVIOUS_MASTER_KEYS: keys that still unwrap files until `keys rotate` has run. Secret. */
  previousMasterKeys: readonly string[];
  /** The key file used when masterKey is unset (BIOAUDIT_MASTER_KEY_FILE, default `<home>/master.key`). */
  keyFile: string;
}

/** Reads a key file: one base64 key a line, the current one first. Refuses one others could read. */
export function readKeyFile(file: string): Keyring {
  const st = fs.statSync(file);
  if ((st.mode & 0o077) !== 0) {
    throw new DomainError(
      CRYPTO_ERRORS.BAD_MASTER_KEY,
      `the key file ${file} can be read by others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`,
      { file },
    );
  }
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0) {
    throw new DomainError(CRYPTO_ERRORS.BAD_MASTER_KEY, `the key file ${file} holds no key`, { file });
  }
  return Keyring.fromBase64(lines[0], lines.slice(1), file);
}

/** Writes a key file atomically, 0600 in a 0700 folder: current key first, then the previous ones. */
export function writeKeyFile(file: string, keys: readonly MasterKey[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const body =
    '# bioaudit master keys (base64, the current one first). Back this file up apart from the data:\n' +
    '# without it the evidence and case files cannot be read.\n' +
    keys.map((k) => `${k.key.toString('base64')}\n`).join('');
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, body);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

const loaded = new Map<string, Keyring>();

/**
 * The keyring of a configuration: BIOAUDIT_MASTER_KEY (and the previous keys) when set; otherwise the key
 * file, generated on first use (0600, with one warning on stderr: it must be backed up apart from the data).
 * Loaded once per process and settings.
 */
export function loadKeyring(settings: KeySettings, warn: (line: string) => void = defaultWarn): Keyring {
  if (settings.masterKey) {
    return Keyring.fromBase64(settings.masterKey, settings.previousMasterKeys, 'BIOAUDIT_MASTER_KEY');
  }
  const cached = loaded.get(settings.keyFile);
  if (cached) return cached;
  if (!fs.existsSync(settings.keyFile)) {
    const fresh = Keyring.generate();
    try {
      fs.mkdirSync(path.dirname(settings.keyFile), { recursive: true, mode: 0o700 });
      const fd = fs.openSync(
        settings.keyFile,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL,
        0o600,
      );
      try {
        fs.writeSync(fd, `${fresh.current.key.toString('base64')}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      warn(
        `bioaudit: warning: BIOAUDIT_MASTER_KEY is not set; generated the key file ${settings.keyFile} (key ${fresh.current.id}) to encrypt evidence and case files. Back it up apart from the data: without it they cannot be read.\n`,
      );
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const ring = readKeyFile(settings.keyFile);
  loaded.set(settings.keyFile, ring);
  return ring;
}

/** Forgets the cached key files (after `keys rotate` rewrote one). */
export function forgetLoadedKeyrings(): void {
  loaded.clear();
}

function defaultWarn(line: string): void {
  process.stderr.write(line);
}
