import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '@app/common';
import { CRYPTO_ERRORS } from './crypto.errors';

/** The SHA-256 of a public key's DER (SubjectPublicKeyInfo), hex: how a signing key is named in anchors and files. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** An Ed25519 public key and its fingerprint: all a third party needs to check a signed anchor. */
export class PublicSigningKey {
  readonly fingerprint: string;

  constructor(readonly key: KeyObject) {
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new DomainError(CRYPTO_ERRORS.BAD_SIGNING_KEY, 'the public key is not an Ed25519 key', {
        type: key.asymmetricKeyType ?? null,
      });
    }
    this.fingerprint = publicKeyFingerprint(key);
  }

  /** A public key from its PEM (SPKI) or base64 DER; `where` names its origin in messages. */
  static fromText(text: string, where: string): PublicSigningKey {
    try {
      const t = text.trim();
      const key = t.startsWith('-----BEGIN')
        ? createPublicKey(t)
        : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
      return new PublicSigningKey(key);
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw new DomainError(
        CRYPTO_ERRORS.BAD_SIGNING_KEY,
        `${where} is not an Ed25519 public key (PEM or base64 DER)`,
        { where },
      );
    }
  }

  /** The PEM (SPKI) to hand out. */
  pem(): string {
    return this.key.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Whether `signature` (base64url) is this key's Ed25519 signature of `message` (UTF-8). */
  verifies(message: string, signature: string): boolean {
    if (!/^[A-Za-z0-9_-]+$/.test(signature)) return false;
    const sig = Buffer.from(signature, 'base64url');
    if (sig.length !== 64) return false;
    return verify(null, Buffer.from(message, 'utf8'), this.key, sig);
  }
}

/**
 * The deployment's Ed25519 signing key (it signs custody anchors). The private key never leaves: `toJSON` and
 * `util.inspect` show only the fingerprint and where the key came from.
 */
export class SigningKey {
  readonly publicKey: PublicSigningKey;

  private constructor(
    private readonly privateKey: KeyObject,
    /** `BIOAUDIT_SIGNING_KEY` or the key file's path, for messages. */
    readonly source: string,
  ) {
    this.publicKey = new PublicSigningKey(createPublicKey(privateKey));
  }

  get fingerprint(): string {
    return this.publicKey.fingerprint;
  }

  /** A signing key from PKCS#8 PEM or base64 PKCS#8 DER. */
  static fromText(text: string, source: string): SigningKey {
    let key: KeyObject;
    try {
      const t = text.trim();
      key = t.startsWith('-----BEGIN')
        ? createPrivateKey(t)
        : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
    } catch {
      throw new DomainError(
        CRYPTO_ERRORS.BAD_SIGNING_KEY,
        `${source} is not a signing key: it must be an Ed25519 private key, PKCS#8 PEM or base64 DER (openssl genpkey -algorithm ed25519)`,
        { where: source },
      );
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new DomainError(
        CRYPTO_ERRORS.BAD_SIGNING_KEY,
        `${source} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`,
        { where: source },
      );
    }
    return new SigningKey(key, source);
  }

  /** A fresh random key (tests and key generation). */
  static generate(): SigningKey {
    return new SigningKey(generateKeyPairSync('ed25519').privateKey, 'generated');
  }

  /** The Ed25519 signature of `message` (UTF-8), base64url. Deterministic: the same message signs alike. */
  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.privateKey).toString('base64url');
  }

  /** The PKCS#8 PEM, for the key file only. */
  privatePem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  toJSON(): { fingerprint: string; source: string } {
    return { fingerprint: this.fingerprint, source: this.source };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SigningKey(${this.fingerprint.slice(0, 16)}, from ${this.source})`;
  }
}

/** Where a deployment's signing key comes from (AppConfig.keys). */
export interface SigningKeySettings {
  /** BIOAUDIT_SIGNING_KEY: PKCS#8 PEM or base64 DER. Secret. */
  signingKey: string | null;
  /** The key file used when signingKey is unset: `signing.key` beside the master key file. */
  signingKeyFile: string;
}

const loaded = new Map<string, SigningKey>();

/**
 * The signing key of a configuration: BIOAUDIT_SIGNING_KEY when set; otherwise the key file, generated on first
 * use (0600 in a 0700 folder, with one warning on stderr: it must be backed up apart from the data). A key file
 * group or others can read is refused. Loaded once per process and file.
 */
export function loadSigningKey(
  settings: SigningKeySettings,
  warn: (line: string) => void = (line) => process.stderr.write(line),
): SigningKey {
  if (settings.signingKey) return SigningKey.fromText(settings.signingKey, 'BIOAUDIT_SIGNING_KEY');
  const file = settings.signingKeyFile;
  const cached = loaded.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    const fresh = SigningKey.generate();
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
      try {
        fs.writeSync(fd, fresh.privatePem());
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      warn(
        `bioaudit: warning: BIOAUDIT_SIGNING_KEY is not set; generated the key file ${file} (public key ${fresh.fingerprint.slice(0, 16)}) to sign custody anchors. Back it up apart from the data: anchors it signed are checked with its public key (bioaudit verify --public-key).\n`,
      );
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const st = fs.statSync(file);
  if ((st.mode & 0o077) !== 0) {
    throw new DomainError(
      CRYPTO_ERRORS.BAD_SIGNING_KEY,
      `the key file ${file} can be read by others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`,
      { file },
    );
  }
  const key = SigningKey.fromText(fs.readFileSync(file, 'utf8'), file);
  loaded.set(file, key);
  return key;
}
