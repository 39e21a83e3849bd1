import type { CaseFileInput } from '../../case-file.types';
import { formatBytes, formatCount, formatLocalDateTime } from '../../core/format';
import { EVIDENCE_INTRO, L, SECTIONS } from '../case-file-text';
import { INK, RULE, type PdfPageWriter } from '../pdf-page-writer';

/** 3 Evidence manifest: every raw file with its full SHA-256, counts and custody; rejected rows go to Annex C. */
export function evidenceSection(w: PdfPageWriter, input: CaseFileInput): void {
  const zone = input.firm.timezone;
  const { doc } = w;
  const t = (zh: string, en: string) => w.t(L(zh, en));
  w.sectionHeading('3', SECTIONS.evidence);
  w.bilingualParagraph(EVIDENCE_INTRO, { size: 9, after: 8 });
  const totals = { size: 0, read: 0, accepted: 0, duplicates: 0, rejected: 0, conflicts: 0 };
  input.evidence.forEach((e, i) => {
    totals.size += e.size;
    totals.read += e.read;
    totals.accepted += e.accepted;
    totals.duplicates += e.duplicates;
    totals.rejected += e.rejected;
    totals.conflicts += e.conflicts ?? 0;
    w.ensure(74);
    w.use('bold', 9.5, INK);
    doc.text(`E${i + 1}  ${e.fileName}`, w.left, w.y, { width: w.width, lineGap: 1 });
    w.y = doc.y + 2;
    const lines = [
      `${t('类型', 'Kind')}: ${e.kind}   ·   ${t('格式', 'Format')}: ${e.format}   ·   ${t('大小', 'Size')}: ${formatBytes(e.size)}`,
      `SHA-256: ${e.sha256}`,
      `${t('读取', 'Read')} ${formatCount(e.read)}   ·   ${t('接受', 'Accepted')} ${formatCount(e.accepted)}   ·   ` +
        `${t('重复', 'Duplicates')} ${formatCount(e.duplicates)}   ·   ${t('拒绝', 'Rejected')} ${formatCount(e.rejected)}` +
        (e.conflicts ? `   ·   ${t('冲突', 'Conflicts')} ${formatCount(e.conflicts)}` : ''),
      `${t('接收时间', 'Received')}: ${formatLocalDateTime(e.receivedAt, zone)}   ·   ${t('提交人', 'Submitted by')}: ${e.submittedBy}`,
    ];
    w.use('regular', 8, INK);
    for (const line of lines) {
      doc.text(line, w.left + 14, w.y, { width: w.width - 14, lineGap: 1 });
      w.y = doc.y + 1;
    }
    w.y += 3;
    doc
      .moveTo(w.left, w.y)
      .lineTo(w.left + w.width, w.y)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
    w.y += 6;
  });
  w.bilingualParagraph(
    L(
      `合计：${formatCount(input.evidence.length)} 个文件，${formatBytes(totals.size)}；读取 ${formatCount(totals.read)} 条，` +
        `接受 ${formatCount(totals.accepted)} 条，重复 ${formatCount(totals.duplicates)} 条，拒绝 ${formatCount(totals.rejected)} 条，` +
        `冲突 ${formatCount(totals.conflicts)} 条。被拒绝及存在冲突的记录逐条列于附件三。`,
      `Total: ${formatCount(input.evidence.length)} files, ${formatBytes(totals.size)}; read ${formatCount(totals.read)}, ` +
        `accepted ${formatCount(totals.accepted)}, duplicates ${formatCount(totals.duplicates)}, rejected ` +
        `${formatCount(totals.rejected)}, conflicts ${formatCount(totals.conflicts)}. Every rejected or conflicting ` +
        'record is listed in Annex C.',
    ),
    { face: 'bold', size: 8.5, after: 12 },
  );
}
