import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import {
  classifyPersonalIdentifier,
  DomainError,
  mayHoldPersonalIdentifier,
  normaliseSubjectRef,
} from '@app/common';
import { CRYPTO_ERRORS } from './crypto.errors';
import { loadKeyring, MASTER_KEY_BYTES, type KeySettings, type Keyring } from './keyring';

/** Every pseudonym starts so; its 26 base32 characters (130 bits of HMAC) can never match a detector. */
export const PSEUDONYM_PREFIX = 'psn:';
const PSEUDONYM_CHARS = 26;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** The fixed HKDF labels: the pseudonym key and the sealing key are derived from the master key, no new secret. */
const PSEUDONYM_LABEL = 'bioaudit subject pseudonym v1';
const SEAL_LABEL = 'bioaudit subject identity seal v1';
const SEAL_VERSION = 'v1';

function derive(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), label, 32));
}

function base32(bytes: Buffer, chars: number): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

/** The pseudonym key of raw master key bytes: HKDF-SHA256 with a fixed label. */
export function derivePseudonymKey(masterKey: Buffer): Buffer {
  return derive(masterKey, PSEUDONYM_LABEL);
}

/**
 * The pseudonym key of a configuration: BIOAUDIT_PSEUDONYM_KEY (32 bytes, base64) when set, otherwise derived
 * from the current master key (BIOAUDIT_MASTER_KEY or the key file). Never printed.
 */
export function pseudonymKeyOf(settings: KeySettings & { pseudonymKey?: string | null }): Buffer {
  if (settings.pseudonymKey) {
    const key = Buffer.from(settings.pseudonymKey.trim(), 'base64');
    if (key.length !== MASTER_KEY_BYTES) {
      throw new DomainError(
        CRYPTO_ERRORS.BAD_MASTER_KEY,
        `BIOAUDIT_PSEUDONYM_KEY must be ${MASTER_KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
      );
    }
    return key;
  }
  return derivePseudonymKey(loadKeyring(settings).current.key);
}

/** `psn:` and the first 26 base32 characters of HMAC-SHA256(key, ref). Pure. */
export function pseudonymOf(key: Buffer, normalisedRef: string): string {
  return (
    PSEUDONYM_PREFIX +
    base32(createHmac('sha256', key).update(normalisedRef, 'utf8').digest(), PSEUDONYM_CHARS)
  );
}

/** A reference that `pseudonymise` replaced, with its pseudonym: what subject_identity seals. */
export interface PseudonymisedRef {
  pseudonym: string;
  /** The normalised clear reference. */
  ref: string;
}

/** How many clear references a pseudonymiser remembers (their pseudonyms): enough for a firm's persons. */
const CACHE_LIMIT = 100_000;

/**
 * Pseudonymises subject references with one key: a reference that holds a personal identifier (ID number,
 * mobile number, e-mail, name: @app/common's detectors) becomes `psn:<26 base32>`, the same for the same
 * normalised reference in every file, batch and record kind; any other reference (the firm's opaque ids,
 * pseudonyms already) is returned unchanged. Only references that fail the cheap pre-check pay the regular
 * expressions and the HMAC, once each (cached). The references replaced since the last `drain` are kept for
 * the caller to seal into subject_identity.
 */
export class SubjectPseudonymiser {
  private readonly cache = new Map<string, string>();
  private fresh: PseudonymisedRef[] = [];
  private readonly key: () => Buffer;
  private loaded: Buffer | null = null;

  /** `key`: the key, or how to load it on first need (a run whose references are all opaque reads no key). */
  constructor(key: Buffer | (() => Buffer)) {
    this.key = typeof key === 'function' ? key : () => key;
  }

  pseudonymise(ref: string): string {
    if (!mayHoldPersonalIdentifier(ref) || ref.startsWith(PSEUDONYM_PREFIX)) return ref;
    const known = this.cache.get(ref);
    if (known !== undefined) return known;
    const nfkc = ref.normalize('NFKC');
    const kind = classifyPersonalIdentifier(nfkc);
    let out = ref;
    if (kind !== null) {
      const normalised = normaliseSubjectRef(nfkc, kind);
      this.loaded ??= this.key();
      out = pseudonymOf(this.loaded, normalised);
      this.fresh.push({ pseudonym: out, ref: normalised });
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(ref, out);
    return out;
  }

  /** The references replaced since the last call (each once per cache life), and forgets them. */
  drain(): PseudonymisedRef[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Never prints the key. */
  toJSON(): string {
    return 'SubjectPseudonymiser';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'SubjectPseudonymiser';
  }
}

/** Sealing keys by master key (HKDF once per key, not once per reference). */
const sealingKeys = new WeakMap<Buffer, Buffer>();
function sealingKeyOf(master: Buffer): Buffer {
  let k = sealingKeys.get(master);
  if (k === undefined) sealingKeys.set(master, (k = derive(master, SEAL_LABEL)));
  return k;
}

/**
 * Seals a clear reference for subject_identity: AES-256-GCM under a key derived (HKDF, fixed label) from the
 * current master key, the pseudonym as associated data (a sealed reference moved to another pseudonym does
 * not open). `v1.<master key id>.<iv>.<ciphertext>.<tag>`, base64url.
 */
export function sealSubjectRef(keyring: Keyring, pseudonym: string, ref: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKeyOf(keyring.current.key), iv);
  cipher.setAAD(Buffer.from(pseudonym, 'utf8'));
  const ct = Buffer.concat([cipher.update(ref, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, keyring.current.id, iv, ct, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens what sealSubjectRef sealed, with whichever key of the ring sealed it; throws on a wrong key or an edit. */
export function openSubjectRef(keyring: Keyring, pseudonym: string, sealed: string): string {
  const [version, keyId, iv, ct, tag] = sealed.split('.');
  const master = keyring.find(keyId ?? '');
  if (version !== SEAL_VERSION || tag === undefined) {
    throw new DomainError(
      CRYPTO_ERRORS.TAMPERED,
      `the sealed reference of ${pseudonym} is not in a known form`,
    );
  }
  if (master === undefined) {
    throw new DomainError(
      CRYPTO_ERRORS.UNKNOWN_KEY,
      `the reference of ${pseudonym} was sealed with master key ${keyId}, which this configuration does not hold`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKeyOf(master.key), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(pseudonym, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DomainError(
      CRYPTO_ERRORS.TAMPERED,
      `the sealed reference of ${pseudonym} fails authentication`,
    );
  }
}
