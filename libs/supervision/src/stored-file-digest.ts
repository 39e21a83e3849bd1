import { Inject, Injectable } from '@nestjs/common';
import { isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { hashFile } from '@app/ingestion';
import { EvidenceStore } from '@app/inspection';

/** What re-hashing a stored file found. */
export type StoredFileCheck =
  | { state: 'intact' }
  | { state: 'missing' }
  /** `actual`: the plaintext's SHA-256, or why the file did not authenticate (a KEYS.* code). */
  | { state: 'altered'; actual: string };

/**
 * Re-hashes the plaintext of a stored file as a stream, frame by frame (raw evidence and issued documents are
 * sealed at rest, @app/crypto's `digestSealed`), never holding the file in memory. A file kept before sealing
 * existed is hashed as it is, as `bioaudit verify` does.
 */
@Injectable()
export class StoredFileDigest {
  private readonly store: EvidenceStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Raw files, case files and documents share one sealed format and keyring; the key loads on first use.
    this.store = EvidenceStore.forConfig(config);
  }

  async check(storagePath: string, recorded: string): Promise<StoredFileCheck> {
    let actual: string;
    try {
      actual = (await this.store.sha256Of(storagePath)).sha256;
    } catch (e) {
      if (isMissing(e)) return { state: 'missing' };
      if (!isDomainError(e)) throw e;
      if (e.code !== 'KEYS.NOT_SEALED') return { state: 'altered', actual: e.code };
      try {
        actual = (await hashFile(storagePath)).sha256;
      } catch (plain) {
        if (isMissing(plain)) return { state: 'missing' };
        throw plain;
      }
    }
    return actual === recorded ? { state: 'intact' } : { state: 'altered', actual };
  }
}

function isMissing(e: unknown): boolean {
  if (isDomainError(e)) return e.code === 'INGEST.FILE_MISSING';
  return (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
