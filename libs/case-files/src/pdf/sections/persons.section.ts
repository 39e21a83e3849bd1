import type { CaseFileInput } from '../../case-file.types';
import { formatCount } from '../../core/format';
import { L, PERSONS_NOTE, SECTIONS } from '../case-file-text';
import type { PdfPageWriter } from '../pdf-page-writer';

/** 5 Affected persons: the counts and a pointer to Annex B (no biometric data in the file). */
export function personsSection(w: PdfPageWriter, input: CaseFileInput): void {
  w.sectionHeading('5', SECTIONS.persons);
  w.keyValues(
    [
      {
        label: L('已识别的受影响人员', 'Identified persons affected'),
        value: formatCount(input.facts.affectedSubjects),
      },
      {
        label: L('未识别身份的采集', 'Captures of unidentified persons'),
        value: formatCount(input.facts.unidentifiedCaptures),
      },
    ],
    210,
  );
  w.bilingualParagraph(PERSONS_NOTE);
}
