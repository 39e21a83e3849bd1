/** Stable error codes of the crypto lib; apps map them to exit codes / HTTP statuses. */
export const CRYPTO_ERRORS = {
  /** A sealed file failed authentication: its header, a frame or its end was altered, cut or reordered. */
  TAMPERED: 'KEYS.TAMPERED',
  /** A sealed file's data key was wrapped by a master key this configuration does not hold (a wrong key). */
  UNKNOWN_KEY: 'KEYS.UNKNOWN_KEY',
  /** A file expected sealed is not (plain bytes where the store keeps only sealed files). */
  NOT_SEALED: 'KEYS.NOT_SEALED',
  /** The master key (variable or key file) is not 32 bytes of base64, or the key file is not private. */
  BAD_MASTER_KEY: 'KEYS.BAD_MASTER_KEY',
  /** The signing key (variable or key file) or a public key given to check anchors is not an Ed25519 key, or the key file is not private. */
  BAD_SIGNING_KEY: 'KEYS.BAD_SIGNING_KEY',
} as const;
export type CryptoErrorCode = (typeof CRYPTO_ERRORS)[keyof typeof CRYPTO_ERRORS];
