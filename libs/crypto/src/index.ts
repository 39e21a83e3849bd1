export { CRYPTO_ERRORS } from './crypto.errors';
export type { CryptoErrorCode } from './crypto.errors';
export {
  Keyring,
  keyIdOf,
  loadKeyring,
  readKeyFile,
  writeKeyFile,
  forgetLoadedKeyrings,
  MASTER_KEY_BYTES,
} from './keyring';
export type { MasterKey, KeySettings } from './keyring';
export {
  SEALED_MAGIC,
  SEALED_HEADER_BYTES,
  DEFAULT_FRAME_BYTES,
  sealStream,
  unsealStream,
  sealFile,
  openSealed,
  digestSealed,
  readSealedHeader,
  parseSealedHeader,
  rewrapSealed,
} from './sealed-file';
export type { SealedHeader } from './sealed-file';
export { SigningKey, PublicSigningKey, loadSigningKey, publicKeyFingerprint } from './signing-key';
export type { SigningKeySettings } from './signing-key';
export { rotateKeys, keyStatus } from './key-rotation';
export type { RotationReport, KeyStatus } from './key-rotation';
export {
  PSEUDONYM_PREFIX,
  SubjectPseudonymiser,
  derivePseudonymKey,
  pseudonymKeyOf,
  pseudonymOf,
  sealSubjectRef,
  openSubjectRef,
} from './pseudonym';
export type { PseudonymisedRef } from './pseudonym';
