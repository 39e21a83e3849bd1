import type { CaseFileInput } from '../case-file.types';
import { caseFileAttachment } from '../core/case-file-attachment';
import type { Pace } from './case-file-layout';
import { ATTACHMENT_NAME, CASE_FILE_FORMAT_VERSION, L } from './case-file-text';
import type { PdfPageWriter } from './pdf-page-writer';
import {
  findingsAnnex,
  personsAnnex,
  quarantineAnnex,
  type QuarantineTally,
} from './sections/annexes.section';
import { coverSection } from './sections/cover.section';
import { appealSection, decisionSection } from './sections/decision.section';
import { evidenceSection } from './sections/evidence.section';
import { factsSection } from './sections/facts.section';
import { findingsSection } from './sections/findings.section';
import { integritySection } from './sections/integrity.section';
import { legalBasisSection } from './sections/legal-basis.section';
import { personsSection } from './sections/persons.section';

export { CASE_FILE_FORMAT_VERSION };
export type { Pace };

/** Row counts of the streamed annexes. */
export interface SectionCounts {
  findingRows: number;
  affectedPersonRows: number;
  quarantinedRows: number;
}

/**
 * Renders every section in order, then embeds the machine-readable attachment; returns the row counts of
 * the three streamed annexes. Each section lives in its own file under `sections/`.
 */
export async function renderCaseFileSections(
  w: PdfPageWriter,
  input: CaseFileInput,
  pace: Pace,
  creationDate: Date,
): Promise<SectionCounts> {
  coverSection(w, input);
  w.newPage('portrait');
  factsSection(w, input);
  legalBasisSection(w, input);
  evidenceSection(w, input);
  findingsSection(w, input);
  personsSection(w, input);
  decisionSection(w, input);
  appealSection(w, input);
  await pace();
  w.newPage('landscape');
  const findingRows = await findingsAnnex(w, input, pace);
  w.newPage('landscape');
  const affectedPersonRows = await personsAnnex(w, input, pace);
  w.newPage('landscape');
  const tally: QuarantineTally = new Map();
  const quarantinedRows = await quarantineAnnex(w, input, pace, tally);
  const counts = { findingRows, affectedPersonRows, quarantinedRows };
  w.newPage('portrait');
  integritySection(w, input, counts);

  const json = caseFileAttachment(input, CASE_FILE_FORMAT_VERSION, {
    ...counts,
    quarantineByReason: [...tally.values()],
  });
  // `relationship` (PDF 2.0 /AFRelationship) is supported by pdfkit but missing from its type definitions.
  const options: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
    name: ATTACHMENT_NAME,
    type: 'application/json',
    description: w.t(
      L(
        '机器可读附件：编号、原因代码与证据摘要',
        'Machine-readable annex: ids, reason codes, evidence digests',
      ),
    ),
    relationship: 'Data',
    creationDate,
    modifiedDate: creationDate,
  };
  w.doc.file(json, options);
  return counts;
}
