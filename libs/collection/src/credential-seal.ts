import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Keyring } from '@app/crypto';
import { COLLECTION_ERRORS, CollectionError } from './collection.errors';

const VERSION = 'dc1';

/** What a sealed credential is bound to: moved to another device or URL, it no longer opens. */
export interface CredentialBinding {
  /** The device's database id. */
  deviceId: string;
  baseUrl: string;
}

/** A sealed credential as stored: the text and the id of the master key it is sealed under. */
export interface SealedCredential {
  sealed: string;
  keyId: string;
}

/** A key of its own per master key, so a credential never shares a key with evidence or pseudonyms. */
function credentialKeyOf(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'bioaudit device credential v1', 32));
}

function aadOf(b: CredentialBinding): Buffer {
  return Buffer.from(`device_endpoint\0${b.deviceId}\0${b.baseUrl}`, 'utf8');
}

/**
 * A terminal password, held so that it cannot leak by accident: JSON, `util.inspect` and string conversion
 * show `[redacted]`; only `reveal()` gives it, at the one place that sends it (the digest handshake).
 */
export class DeviceSecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'DeviceSecret([redacted])';
  }
}

/** Seals a terminal password under the current master key (AES-256-GCM), bound to its device and URL. */
export function sealCredential(
  keyring: Keyring,
  binding: CredentialBinding,
  secret: DeviceSecret,
): SealedCredential {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', credentialKeyOf(keyring.current.key), iv);
  cipher.setAAD(aadOf(binding));
  const ct = Buffer.concat([cipher.update(secret.reveal(), 'utf8'), cipher.final()]);
  const sealed = [VERSION, keyring.current.id, iv, ct, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
  return { sealed, keyId: keyring.current.id };
}

/**
 * Opens a sealed credential with whichever key of the ring sealed it. COLLECT.CREDENTIAL_UNREADABLE when
 * the text was edited, the row was copied to another device or URL, or the key is not in the ring; the
 * message names the endpoint, never the secret.
 */
export function openCredential(
  keyring: Keyring,
  binding: CredentialBinding,
  stored: SealedCredential,
  endpoint: string,
): DeviceSecret {
  const [version, keyId, iv, ct, tag] = stored.sealed.split('.');
  const fail = (why: string) =>
    new CollectionError(
      COLLECTION_ERRORS.CREDENTIAL_UNREADABLE,
      `the stored credential of endpoint ${endpoint} cannot be opened: ${why}; register the terminal again (devices remove, devices add)`,
      { endpoint },
    );
  if (version !== VERSION || tag === undefined || keyId !== stored.keyId) {
    throw fail('it is not in a known form');
  }
  const master = keyring.find(keyId);
  if (master === undefined)
    throw fail(`it is sealed with master key ${keyId}, which this configuration does not hold`);
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      credentialKeyOf(master.key),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(aadOf(binding));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const clear = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
    return new DeviceSecret(clear.toString('utf8'));
  } catch {
    throw fail('it fails authentication (altered, or copied from another device or URL)');
  }
}

/** The same credential sealed under the current key (null when it already is): for `keys rotate`. */
export function resealCredential(
  keyring: Keyring,
  binding: CredentialBinding,
  stored: SealedCredential,
  endpoint: string,
): SealedCredential | null {
  if (stored.keyId === keyring.current.id) return null;
  return sealCredential(keyring, binding, openCredential(keyring, binding, stored, endpoint));
}
