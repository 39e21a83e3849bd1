import type { CaseFileInput } from '../../case-file.types';
import { L, SECTIONS } from '../case-file-text';
import { MUTED, latin, type PdfPageWriter } from '../pdf-page-writer';

/**
 * 2 Legal basis: per law period with findings, the articles in force for that conduct (a PIPL article
 * never appears for conduct before 2021-11-01), then which law was applied and why (APL art. 37).
 */
export function legalBasisSection(w: PdfPageWriter, input: CaseFileInput): void {
  w.sectionHeading('2', SECTIONS.legal);
  input.legalBasis.forEach((b, i) => {
    w.subHeading(L(`（${i + 1}）${b.period.zh}`, b.period.en), 60);
    b.articles.forEach((a, j) => {
      w.paragraph(`${j + 1}. ${w.t(a.label)}`, { face: 'bold', size: 9, indent: 8, after: 2 });
      w.paragraph(a.text.zh, { indent: 22, size: 9, after: w.en ? 1 : 6 });
      if (w.en) w.paragraph(latin(a.text.en), { indent: 22, size: 8, color: MUTED, after: 6 });
    });
  });
  const law = input.decision.lawApplied;
  if (law) {
    w.subHeading(L('法律适用', 'Law applied'), 30);
    w.bilingualParagraph(law, { size: 9 });
  }
}
