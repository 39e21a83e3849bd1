import type { CaseFileInput } from '../../case-file.types';
import { formatCount, formatLocalDate } from '../../core/format';
import { percent } from '../case-file-layout';
import { L, SECTIONS } from '../case-file-text';
import type { PdfPageWriter } from '../pdf-page-writer';

/**
 * 1 Facts: the summary, the counts, and the split by law period — which captures fell under which law and
 * which rule judged them — each period worded for its own law.
 */
export function factsSection(w: PdfPageWriter, input: CaseFileInput): void {
  const f = input.facts;
  const zone = input.firm.timezone;
  w.sectionHeading('1', SECTIONS.facts);
  w.bilingualParagraph(f.summary, { after: 8 });
  w.keyValues(
    [
      { label: L('审查的采集记录', 'Captures audited'), value: formatCount(f.capturesAudited) },
      {
        label: L('无有效同意的采集', 'Captures without valid consent'),
        value: `${formatCount(f.capturesWithoutValidConsent)}（${percent(f.capturesWithoutValidConsent, f.capturesAudited)}）`,
      },
      {
        label: L('受影响的已识别人员', 'Identified persons affected'),
        value: formatCount(f.affectedSubjects),
      },
      {
        label: L('未识别身份的采集', 'Captures of unidentified persons'),
        value: formatCount(f.unidentifiedCaptures),
      },
    ],
    210,
  );
  if (f.periods.length === 0) return;
  w.subHeading(L('按行为时的法律划分', 'Split by the law in force at the time of the conduct'), 80);
  w.startTable(
    [
      { title: L('期间', 'Period'), width: 120 },
      { title: L('首次—最后发现', 'First — last finding'), width: 78 },
      { title: L('采集次数', 'Captures'), width: 48, align: 'right' },
      { title: L('涉及人员', 'Persons'), width: 44, align: 'right' },
      { title: L('判断所依据的规则', 'Rule that judged them'), width: w.width - 290 },
    ],
    { size: 7.5 },
  );
  for (const p of f.periods) {
    w.wrappedRow([
      w.t(p.label),
      `${formatLocalDate(p.from, zone)}\n${formatLocalDate(p.to, zone)}`,
      formatCount(p.capturesWithoutValidConsent),
      formatCount(p.affectedSubjects),
      w.t(p.rule),
    ]);
  }
  w.endTable();
  f.periods.forEach((p, i) => {
    w.paragraph(`（${i + 1}）${p.label.zh}`, { face: 'bold', size: 9, after: 2 });
    w.bilingualParagraph(p.summary, { indent: 12, size: 9, after: 6 });
  });
}
