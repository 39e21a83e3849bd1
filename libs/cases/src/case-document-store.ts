import { createHash } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { loadKeyring, openSealed, sealFile } from '@app/crypto';
import { CASE_WORKFLOW_ERRORS, CaseWorkflowError } from './cases.errors';

/**
 * Keeps issued procedure documents sealed at rest beside the case files
 * (`<caseFilesDir>/<case>/documents/<seq>-<kind>-<sha12>.pdf.sealed`, AES-256-GCM, @app/crypto's format), the
 * way case files are kept; the SHA-256 is of the PDF bytes themselves. The plain PDF exists only in the case's
 * private folder while it is sealed.
 */
@Injectable()
export class CaseDocumentStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async keep(
    caseNumber: string,
    seq: number,
    kind: string,
    pdf: Buffer,
  ): Promise<{ path: string; sha256: string; bytes: number }> {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await mkdir(this.config.caseFilesDir, { recursive: true, mode: 0o700 });
    await chmod(this.config.caseFilesDir, 0o700);
    const dir = path.join(this.config.caseFilesDir, caseNumber, 'documents');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const kept = path.join(dir, `${String(seq).padStart(3, '0')}-${kind}-${sha256.slice(0, 12)}.pdf.sealed`);
    const plain = path.join(dir, `.issuing-${process.pid}-${seq}.pdf`);
    const sealing = `${kept}.${process.pid}.tmp`;
    try {
      await writeFile(plain, pdf, { mode: 0o600 });
      await rm(sealing, { force: true });
      const sealed = await sealFile(plain, sealing, loadKeyring(this.config.keys));
      if (sealed.sha256 !== sha256) throw new Error(`the document ${plain} changed while it was sealed`);
      await chmod(sealing, 0o400);
      await rm(kept, { force: true });
      await rename(sealing, kept);
    } finally {
      await rm(plain, { force: true });
      await rm(sealing, { force: true });
    }
    return { path: kept, sha256, bytes: pdf.length };
  }

  /**
   * The PDF bytes of a kept document, checked against the SHA-256 recorded at issue: a mismatch, or a sealed
   * file that no longer authenticates, is EVIDENCE.DOCUMENT_TAMPERED — never bytes served as the document.
   */
  async read(storagePath: string, sha256: string, documentId: string): Promise<Buffer> {
    let pdf: Buffer;
    try {
      const parts: Buffer[] = [];
      for await (const chunk of openSealed(
        storagePath,
        loadKeyring(this.config.keys),
      ) as AsyncIterable<Buffer>) {
        parts.push(chunk);
      }
      pdf = Buffer.concat(parts);
    } catch (e) {
      throw new CaseWorkflowError(
        CASE_WORKFLOW_ERRORS.DOCUMENT_TAMPERED,
        `document ${documentId} cannot be read back as issued: ${(e as Error).message}`,
        { documentId, sha256 },
      );
    }
    const actual = createHash('sha256').update(pdf).digest('hex');
    if (actual !== sha256) {
      throw new CaseWorkflowError(
        CASE_WORKFLOW_ERRORS.DOCUMENT_TAMPERED,
        `document ${documentId} no longer has the SHA-256 recorded when it was issued`,
        { documentId, recorded: sha256, actual },
      );
    }
    return pdf;
  }
}
