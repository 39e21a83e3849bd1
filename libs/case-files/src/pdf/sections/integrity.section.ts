import type { CaseFileInput } from '../../case-file.types';
import { chineseDate } from '../case-file-layout';
import { L, SECTIONS, chainAnchorText, integrityText } from '../case-file-text';
import { MUTED, type PdfPageWriter } from '../pdf-page-writer';

/** The closing page: how the file was made, how to verify it, and the attachment it carries. */
export function integritySection(
  w: PdfPageWriter,
  input: CaseFileInput,
  counts: { findingRows: number; affectedPersonRows: number; quarantinedRows: number },
): void {
  w.sectionHeading('', SECTIONS.integrity);
  for (const p of integrityText(input.caseNumber, counts)) w.bilingualParagraph(p);
  if (input.chainAnchor) w.bilingualParagraph(chainAnchorText(input.chainAnchor, input.chainAnchorKey));
  w.paragraph(
    w.t(
      L(`决定日期：${chineseDate(input.dates.decisionDate)}`, `Decision date: ${input.dates.decisionDate}`),
    ),
    { size: 8.5, color: MUTED },
  );
}
