import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { DomainError, isDomainError, parseInstant, PERSONAL_IDENTIFIER_PATTERNS } from '@app/common';
import { CN_LAW_ZONE } from '@app/law';
import { CaseFileErrorCode } from '../case-files.errors';
import { maskPersonalIdentifiers } from '../core/mask-identifiers';
import { resolveCaseFileFonts, type CaseFileFonts } from '../pdf/case-file-fonts';
import { latin, MUTED, PdfPageWriter } from '../pdf/pdf-page-writer';
import { procedureDocumentBody } from './procedure-document-bodies';
import {
  DRAFT_LINE,
  ENGLISH_PART_NOTE,
  PROCEDURE_DOCUMENT_FORMAT_VERSION,
  PROCEDURE_DOCUMENT_TITLES,
} from './procedure-document-text';
import type { ProcedureDocumentInput } from './procedure-document.types';
import { ProcedureLayout, type PartLanguage } from './procedure-layout';
import { assertValidProcedureDocumentInput } from './validate-procedure-document-input';

let fonts: CaseFileFonts | null = null;

const WHOLE_NAME = new RegExp(
  PERSONAL_IDENTIFIER_PATTERNS.wholeName.source,
  PERSONAL_IDENTIFIER_PATTERNS.wholeName.flags,
);

/**
 * Masks personal identifiers inside the free texts (facts, evidence labels, reasons, notes) the way the case
 * file does. A text that is only a short Han word ("情节轻微") is a word, not a name: it is left alone, which
 * the whole-reference name rule of `maskPersonalIdentifiers` would not do.
 */
function maskFree(text: string): string {
  return WHOLE_NAME.test(text.trim()) ? text : maskPersonalIdentifiers(text);
}
function maskFreeOrNull(text: string | null): string | null {
  return text === null ? null : maskFree(text);
}

/** The input as the document may print it: officials and the firm by name, anything else masked. */
export function minimisedProcedureDocumentInput(input: ProcedureDocumentInput): ProcedureDocumentInput {
  return {
    ...input,
    facts: input.facts && {
      ...input.facts,
      summaryZh: maskFree(input.facts.summaryZh),
      summaryEn: maskFreeOrNull(input.facts.summaryEn),
    },
    evidence: input.evidence.map((e) => ({ ...e, labelZh: maskFree(e.labelZh) })),
    penalty: input.penalty && { ...input.penalty, reasonZh: maskFreeOrNull(input.penalty.reasonZh) },
    reason: maskFreeOrNull(input.reason),
    note: maskFreeOrNull(input.note),
  };
}

/**
 * The input for the English part: English texts with ASCII quotes (the CJK font draws typographic ones
 * full-width, as gaps in a Latin word). Chinese texts keep theirs.
 */
function latinEnglish(input: ProcedureDocumentInput): ProcedureDocumentInput {
  const en = (text: string | null): string | null => (text === null ? null : latin(text));
  return {
    ...input,
    authority: { ...input.authority, nameEn: en(input.authority.nameEn) },
    facts: input.facts && {
      ...input.facts,
      summaryEn: en(input.facts.summaryEn),
      byReason: input.facts.byReason.map((r) => ({ ...r, reasonEn: latin(r.reasonEn) })),
    },
    legalBasis: input.legalBasis.map((b) => ({ ...b, en: en(b.en) })),
    rights: {
      ...input.rights,
      appeal: input.rights.appeal.map((a) => ({
        ...a,
        routeEn: latin(a.routeEn),
        articleEn: a.articleEn == null ? a.articleEn : latin(a.articleEn),
      })),
    },
    servedDocument: input.servedDocument && {
      ...input.servedDocument,
      titleEn: en(input.servedDocument.titleEn),
    },
    transferTo: input.transferTo && { ...input.transferTo, nameEn: en(input.transferTo.nameEn) },
  };
}

/**
 * `共 3 页` after the footer's left text on every page: a head signing the last page, or the party receiving
 * the document, can see that no page is missing. Drawn once all pages exist, where the page writer's footer
 * (7.5 pt, 28 pt below the text area) left it.
 */
function pageCounts(doc: PDFKit.PDFDocument, faces: CaseFileFonts, footerLeft: string, en: boolean): void {
  const { start, count } = doc.bufferedPageRange();
  const text = en ? `共 ${count} 页 / ${count} pages` : `共 ${count} 页`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.font(faces.regular).fontSize(7.5).fillColor(MUTED);
    const x = margins.left + doc.widthOfString(footerLeft) + 12;
    doc.text(`· ${text}`, x, doc.page.height - margins.bottom + 28, { lineBreak: false });
  }
}

/**
 * Renders one procedure document (立案审批表, 告知书, 听证通知书, 决定书, 送达回证 …) to PDF bytes: the Chinese
 * document, then, when `languages` includes 'en', its English translation as a second part. Deterministic:
 * the PDF's dates (and so pdfkit's trailer /ID) come from the issue date, never the clock, so the same input
 * gives the same bytes. Throws `CASE_FILE.INVALID_INPUT` listing every problem with the input.
 */
export async function renderProcedureDocument(given: ProcedureDocumentInput): Promise<Buffer> {
  assertValidProcedureDocumentInput(given);
  const input = minimisedProcedureDocumentInput(given);
  fonts ??= resolveCaseFileFonts();
  const title = PROCEDURE_DOCUMENT_TITLES[input.kind];
  const en = input.languages.includes('en');
  const draft = input.authority.placeholder;
  // Midnight of the issue date in Beijing: the date the document bears.
  const issued = new Date(parseInstant(input.issuedOn, CN_LAW_ZONE)!);
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    // Kept until the end (a few pages) so that every footer can say how many pages there are.
    bufferPages: true,
    font: fonts.regular,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${title.zh} ${input.documentNumber}${en ? ` / ${title.en}` : ''}`,
      Author: input.authority.nameZh,
      Subject: `${input.firm.name} (${input.firm.creditCode}) ${input.caseNumber}`,
      Keywords: `bioaudit; ${input.kind}; ${input.caseNumber}${draft ? '; DRAFT' : ''}`,
      Creator: 'bioaudit case-files',
      Producer: `bioaudit procedure documents layout ${PROCEDURE_DOCUMENT_FORMAT_VERSION} (pdfkit)`,
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');
  try {
    const footerLeft = { zh: `${title.zh} ${input.documentNumber}`, en: title.en };
    const writer = new PdfPageWriter(doc, fonts, { languages: input.languages, footerLeft, draft });
    const parts: PartLanguage[] = en ? ['zh', 'en'] : ['zh'];
    for (const lang of parts) {
      writer.newPage('portrait');
      const l = new ProcedureLayout(writer, lang);
      const part = lang === 'en' ? latinEnglish(input) : input;
      if (lang === 'en') l.note(l.lang === 'en' ? ENGLISH_PART_NOTE.en : ENGLISH_PART_NOTE.zh);
      l.titleBlock(
        lang === 'zh' ? part.authority.nameZh : (part.authority.nameEn ?? part.authority.nameZh),
        l.s(title),
        input.documentNumber,
        draft ? l.s(DRAFT_LINE) : null,
      );
      procedureDocumentBody(l, part);
    }
    pageCounts(doc, fonts, writer.t(footerLeft), en);
    doc.end();
    await ended;
    return Buffer.concat(chunks);
  } catch (error) {
    if (isDomainError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DomainError(
      CaseFileErrorCode.RenderFailed,
      `rendering ${input.kind} ${input.documentNumber} failed: ${reason}`,
      { kind: input.kind, documentNumber: input.documentNumber },
      { cause: error },
    );
  }
}
