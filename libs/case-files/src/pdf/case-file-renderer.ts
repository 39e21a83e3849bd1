import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { DomainError, isDomainError, parseInstant } from '@app/common';
import type { CaseFileInput, CaseFileRenderResult } from '../case-file.types';
import { CaseFileErrorCode } from '../case-files.errors';
import { minimisedCaseFileInput } from '../core/mask-identifiers';
import { caseFileInputIssues } from '../core/validate-case-file-input';
import { resolveCaseFileFonts, type CaseFileFonts } from './case-file-fonts';
import { CASE_FILE_FORMAT_VERSION, renderCaseFileSections } from './case-file-sections';
import { documentTitle } from './case-file-text';
import { PdfPageWriter } from './pdf-page-writer';
import { removeStaleTemps, tempPathFor } from './temp-output';

/** Throws `CASE_FILE.INVALID_INPUT` listing every problem, or returns when the input can be rendered. */
export function assertValidCaseFileInput(input: CaseFileInput): void {
  const issues = caseFileInputIssues(input);
  if (issues.length > 0) {
    throw new DomainError(
      CaseFileErrorCode.InvalidInput,
      `case file input is invalid: ${issues.join('; ')}`,
      {
        issues,
      },
    );
  }
}

/**
 * Renders a case file to a PDF. Output is streamed to disk page by page (the annexes are read from async
 * iterables and never collected) and hashed on the way, so memory stays flat whatever the number of findings.
 * The file appears at `outPath` only when complete: it is written beside it and renamed at the end.
 */
@Injectable()
export class CaseFileRenderer {
  private fonts: CaseFileFonts | null = null;

  /** Renders `given` with every personal identifier the firm used as a reference masked (minimisedCaseFileInput). */
  async render(given: CaseFileInput, outPath: string): Promise<CaseFileRenderResult> {
    assertValidCaseFileInput(given);
    const input = minimisedCaseFileInput(given);
    this.fonts ??= resolveCaseFileFonts();
    // The decision date is the issue date: the start of that day where the firm is, never the clock.
    const issued = new Date(parseInstant(input.dates.decisionDate, input.firm.timezone)!);
    const title = documentTitle(input.decision.outcome);
    const en = input.languages.includes('en');
    const doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      bufferPages: false,
      font: this.fonts.regular,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: en
          ? `${title.zh} ${input.caseNumber} / ${title.en} ${input.caseNumber}`
          : `${title.zh} ${input.caseNumber}`,
        Author: input.authority.name.zh,
        Subject: `${input.firm.name} (${input.firm.creditCode})`,
        Keywords: `bioaudit; case file; ${input.caseNumber}${input.draftReasons.length > 0 ? '; DRAFT' : ''}`,
        Creator: 'bioaudit case-files',
        Producer: `bioaudit case-files layout ${CASE_FILE_FORMAT_VERSION} (pdfkit)`,
        // Dates come from the case, never the clock: pdfkit also derives the trailer /ID from these fields.
        CreationDate: issued,
        ModDate: issued,
      },
    });

    // Beside the output under a hidden per-process name, renamed when complete; what killed renders left goes.
    await removeStaleTemps(path.dirname(outPath));
    const partial = tempPathFor(outPath);
    // The PDF names persons: private to bioaudit's user until it is sealed or handed out.
    const file = createWriteStream(partial, { mode: 0o600 });
    const hash = createHash('sha256');
    let bytes = 0;
    const sink: { failure: Error | null } = { failure: null };
    file.on('error', (e) => (sink.failure ??= e));
    doc.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      file.write(chunk);
    });
    const docEnded = once(doc, 'end');

    // Lets the file stream catch up between annex pages; without it a fast row source would buffer the
    // whole PDF in memory before the first byte reached the disk.
    const pace = async () => {
      if (sink.failure) throw sink.failure;
      if (file.writableNeedDrain) await once(file, 'drain');
      else await yieldToLoop();
    };

    try {
      const writer = new PdfPageWriter(doc, this.fonts, {
        languages: input.languages,
        footerLeft: en ? `案号 Case No. ${input.caseNumber}` : `案号 ${input.caseNumber}`,
        draft: input.draftReasons.length > 0,
      });
      const counts = await renderCaseFileSections(writer, input, pace, issued);
      doc.end();
      await docEnded;
      file.end();
      await finished(file);
      await rename(partial, outPath);
      return { path: outPath, sha256: hash.digest('hex'), pages: writer.pages, bytes, ...counts };
    } catch (error) {
      file.destroy();
      await rm(partial, { force: true });
      if (isDomainError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new DomainError(
        CaseFileErrorCode.RenderFailed,
        `rendering case file ${input.caseNumber} failed: ${reason}`,
        { outPath },
        { cause: error },
      );
    }
  }
}
