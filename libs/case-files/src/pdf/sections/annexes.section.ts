import type { CaseFileInput, CaseFileQuarantineRow } from '../../case-file.types';
import { formatCount, formatLocalMinute } from '../../core/format';
import { purposeLabel, quarantineReasonLabel, reasonLabel } from '../../core/labels';
import {
  affectedPersonRowIssues,
  findingRowIssues,
  invalidRowError,
  quarantineRowIssues,
} from '../../core/validate-case-file-input';
import { SHORT_SHA, captureRefLine, captureSpan, consentCell, type Pace } from '../case-file-layout';
import { ANNEX_A_INTRO, ANNEX_C_INTRO, L, SECTIONS } from '../case-file-text';
import type { PdfPageWriter } from '../pdf-page-writer';

/**
 * The three streamed annexes. Rows are read one at a time from the caller's async iterables, validated,
 * written and forgotten; between pages the output is allowed to drain, so memory stays flat.
 */

/** Annex A: every finding row, citing the firm's own event ids, files, lines and consent ids. */
export async function findingsAnnex(w: PdfPageWriter, input: CaseFileInput, pace: Pace): Promise<number> {
  const zone = input.firm.timezone;
  w.sectionHeading('', SECTIONS.annexA, 60);
  w.bilingualParagraph(ANNEX_A_INTRO(zone), { size: 8, after: 6 });
  w.startTable(
    [
      { title: L('序号', 'No.'), width: 32, align: 'right' },
      { title: L('原因', 'Reason'), width: 80 },
      { title: L('人员编号', 'Person ref.'), width: 62 },
      { title: L('目的', 'Purpose'), width: 40 },
      { title: L('设备 / 场所', 'Device / site'), width: 64 },
      { title: L('次数', 'Captures'), width: 30, align: 'right' },
      { title: L('首次 — 最后采集时间', 'First — last capture'), width: 96 },
      {
        title: L(
          '首末采集记录（事件编号 · 文件:行 · 文件摘要）',
          'First / last capture (event id · file:line · digest)',
        ),
        width: 286,
      },
      { title: L('同意记录', 'Consent records'), width: w.width - 690 },
    ],
    { size: 7, lines: 6 },
  );
  let n = 0;
  for await (const row of input.findings()) {
    const issues = findingRowIssues(row, zone);
    if (issues.length > 0) throw invalidRowError('findings', n, issues);
    n += 1;
    w.row([
      formatCount(n),
      reasonLabel(row.reason).zh,
      row.subjectRef ?? '（未识别）',
      purposeLabel(row.purpose).zh,
      `${row.deviceId} / ${row.siteId}`,
      formatCount(row.captureCount),
      captureSpan(row.firstAt, row.lastAt, zone),
      `${captureRefLine('首', row.firstCapture)}\n${captureRefLine('末', row.lastCapture)}`,
      consentCell(row.consentRefs),
    ]);
    if (w.takePageBreaks()) await pace();
  }
  if (n === 0) w.row(['', w.t(L('（无）', '(none)'))]);
  w.endTable();
  w.paragraph(w.t(L(`附件一共 ${formatCount(n)} 行。`, `Annex A has ${formatCount(n)} rows.`)), {
    face: 'bold',
    size: 8.5,
  });
  return n;
}

/** Annex B: every affected person by the firm's own reference. */
export async function personsAnnex(w: PdfPageWriter, input: CaseFileInput, pace: Pace): Promise<number> {
  const zone = input.firm.timezone;
  w.sectionHeading('', SECTIONS.annexB, 60);
  w.bilingualParagraph(
    L(
      `人员以当事人系统中的编号标识。时间为 ${zone} 当地时间。`,
      `Persons are identified by the firm's own reference. Times are local times in ${zone}.`,
    ),
    { size: 8, after: 6 },
  );
  w.startTable([
    { title: L('序号', 'No.'), width: 50, align: 'right' },
    { title: L('人员编号', 'Person ref.'), width: 150 },
    { title: L('采集次数', 'Captures'), width: 70, align: 'right' },
    { title: L('首次采集', 'First capture'), width: 100 },
    { title: L('最后采集', 'Last capture'), width: 100 },
    { title: L('原因', 'Reasons'), width: w.width - 470 },
  ]);
  let n = 0;
  for await (const row of input.affectedPersons()) {
    const issues = affectedPersonRowIssues(row, zone);
    if (issues.length > 0) throw invalidRowError('affectedPersons', n, issues);
    n += 1;
    w.row([
      formatCount(n),
      row.subjectRef,
      formatCount(row.captures),
      formatLocalMinute(row.firstAt, zone),
      formatLocalMinute(row.lastAt, zone),
      row.reasons.map((r) => reasonLabel(r).zh).join('、'),
    ]);
    if (w.takePageBreaks()) await pace();
  }
  if (n === 0) w.row(['', w.t(L('（无）', '(none)'))]);
  w.endTable();
  w.paragraph(w.t(L(`附件二共 ${formatCount(n)} 人。`, `Annex B lists ${formatCount(n)} persons.`)), {
    face: 'bold',
    size: 8.5,
  });
  return n;
}

/** Per file, kind and reason code: what Annex C listed, for the machine-readable attachment. */
export type QuarantineTally = Map<string, { row: CaseFileQuarantineRow; count: number }>;

/** Annex C: every rejected and conflicting record — file, line, field and why, in words. */
export async function quarantineAnnex(
  w: PdfPageWriter,
  input: CaseFileInput,
  pace: Pace,
  tally: QuarantineTally,
): Promise<number> {
  w.sectionHeading('', SECTIONS.annexC, 60);
  w.bilingualParagraph(ANNEX_C_INTRO, { size: 8, after: 6 });
  w.startTable([
    { title: L('序号', 'No.'), width: 44, align: 'right' },
    { title: L('类别', 'Kind'), width: 44 },
    { title: L('文件（摘要）', 'File (digest)'), width: 210 },
    { title: L('行号', 'Line'), width: 48, align: 'right' },
    { title: L('字段', 'Field'), width: 90 },
    { title: L('原因', 'Reason'), width: w.width - 436 },
  ]);
  let n = 0;
  for await (const row of input.quarantined()) {
    const issues = quarantineRowIssues(row);
    if (issues.length > 0) throw invalidRowError('quarantined', n, issues);
    n += 1;
    const key = `${row.batchSha256}\u0000${row.kind}\u0000${row.reasonCode}`;
    const seen = tally.get(key);
    if (seen) seen.count += 1;
    else tally.set(key, { row, count: 1 });
    w.row([
      formatCount(n),
      row.kind === 'conflict' ? w.t(L('冲突', 'conflict')) : w.t(L('拒绝', 'rejected')),
      `${row.fileName}（${row.batchSha256.slice(0, SHORT_SHA)}）`,
      formatCount(row.lineNo),
      row.field ?? '—',
      w.t(quarantineReasonLabel(row.reasonCode, row.kind)),
    ]);
    if (w.takePageBreaks()) await pace();
  }
  if (n === 0) w.row(['', w.t(L('（无）', '(none)'))]);
  w.endTable();
  w.paragraph(w.t(L(`附件三共 ${formatCount(n)} 条记录。`, `Annex C lists ${formatCount(n)} records.`)), {
    face: 'bold',
    size: 8.5,
  });
  return n;
}
