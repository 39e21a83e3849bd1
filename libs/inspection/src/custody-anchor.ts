import type { PublicSigningKey, SigningKey } from '@app/crypto';

/** Unsigned anchors (before signing): `bioaudit-custody-v1:<seq>:<hash>`; still accepted by `verify --against`. */
export const ANCHOR_V1 = 'bioaudit-custody-v1';
/** Signed anchors: `bioaudit-custody-v2:<seq>:<hash>:<key fingerprint, 16 hex>:<Ed25519 signature, base64url>`. */
export const ANCHOR_V2 = 'bioaudit-custody-v2';
/** How many hex digits of the key's fingerprint (SHA-256 of its DER) a signed anchor carries. */
export const ANCHOR_KEY_DIGITS = 16;

/** A parsed anchor: the chain entry it names and, when v2, who signed it and the signature. */
export type CustodyAnchor =
  | { version: 1; seq: string; hash: string; text: string }
  | { version: 2; seq: string; hash: string; keyId: string; signature: string; text: string };

/** The exportable unsigned anchor of a chain entry: `bioaudit-custody-v1:<seq>:<sha256 of the entry>`. */
export function anchorOf(head: { seq: string; rowHash: string }): string {
  return `${ANCHOR_V1}:${head.seq}:${head.rowHash}`;
}

/** What a v2 anchor's signature covers: `bioaudit-custody-v2:<seq>:<hash>`. */
export function signedAnchorMessage(seq: string, hash: string): string {
  return `${ANCHOR_V2}:${seq}:${hash}`;
}

/** The signed anchor of a chain entry (deterministic: Ed25519 signs the same entry alike). */
export function signedAnchorOf(head: { seq: string; rowHash: string }, key: SigningKey): string {
  const message = signedAnchorMessage(head.seq, head.rowHash);
  return `${message}:${key.fingerprint.slice(0, ANCHOR_KEY_DIGITS)}:${key.sign(message)}`;
}

const V1 = new RegExp(`^${ANCHOR_V1}:(\\d+):([0-9a-f]{64})$`);
const V2 = new RegExp(
  `^${ANCHOR_V2}:(\\d+):([0-9a-f]{64}):([0-9a-f]{${ANCHOR_KEY_DIGITS}}):([A-Za-z0-9_-]+)$`,
);

/** Parses an anchor (v1 or v2); null when the text is not one. */
export function parseAnchor(text: string): CustodyAnchor | null {
  const t = text.trim();
  const v1 = V1.exec(t);
  if (v1) return { version: 1, seq: v1[1], hash: v1[2], text: t };
  const v2 = V2.exec(t);
  if (v2) return { version: 2, seq: v2[1], hash: v2[2], keyId: v2[3], signature: v2[4], text: t };
  return null;
}

/**
 * Why a signed anchor cannot be trusted with `key` (signed by another key, or a signature that does not verify:
 * a forged or altered anchor); null when its signature holds. v1 anchors carry no signature: null.
 */
export function anchorSignatureProblem(anchor: CustodyAnchor, key: PublicSigningKey): string | null {
  if (anchor.version === 1) return null;
  const ours = key.fingerprint.slice(0, ANCHOR_KEY_DIGITS);
  if (anchor.keyId !== ours) {
    return `anchor ${anchor.text} was signed by key ${anchor.keyId}, not by the key checking it (${ours})`;
  }
  if (!key.verifies(signedAnchorMessage(anchor.seq, anchor.hash), anchor.signature)) {
    return `anchor ${anchor.text} has a bad signature (key ${ours}): it was forged or altered`;
  }
  return null;
}
