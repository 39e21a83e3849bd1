import type { FindingReason } from '@app/common';
import type { CaseFileInput } from '../../case-file.types';
import { layoutBarChart } from '../../core/bar-chart';
import { canonicalByReason } from '../../core/case-file-attachment';
import { formatCount } from '../../core/format';
import { reasonLabel, SITE_RULE_LABELS } from '../../core/labels';
import { L, SECTIONS } from '../case-file-text';
import { ACCENT, INK, MUTED, SHADE, latin, type PdfPageWriter } from '../pdf-page-writer';

/** 4 Findings: by reason (chart and table), by site, and the site-level rules — reasons by name, never code. */
export function findingsSection(w: PdfPageWriter, input: CaseFileInput): void {
  w.sectionHeading('4', SECTIONS.findings, 200);
  w.subHeading(L('4.1 按原因统计', '4.1 By reason'), 180);
  reasonChart(w, input);
  w.startTable([
    { title: L('原因', 'Reason'), width: 355 },
    { title: L('采集次数', 'Captures'), width: 64, align: 'right' },
    { title: L('涉及人员', 'Persons'), width: 64, align: 'right' },
  ]);
  for (const r of input.findingsByReason) {
    w.row([w.t(reasonLabel(r.reason)), formatCount(r.captures), formatCount(r.subjects)]);
  }
  w.endTable();

  w.subHeading(L('4.2 按场所统计', '4.2 By site'), 80);
  for (const site of input.findingsBySite) {
    const entries = Object.entries(canonicalByReason(site.byReason)) as [FindingReason, number][];
    w.ensure(40 + 14 * (entries.length + 1));
    w.use('bold', 9, INK);
    w.doc.text(`${site.siteName}（${site.siteId}）`, w.left, w.y, { lineBreak: false });
    w.y += 14;
    w.startTable([
      { title: L('原因', 'Reason'), width: 400 },
      { title: L('采集次数', 'Captures'), width: 80, align: 'right' },
    ]);
    let total = 0;
    for (const [reason, n] of entries) {
      total += n;
      w.row([w.t(reasonLabel(reason)), formatCount(n)]);
    }
    w.row([w.t(L('合计', 'Total')), formatCount(total)]);
    w.endTable();
  }

  w.subHeading(L('4.3 场所规则', '4.3 Site rules'), 40);
  if (input.siteFindings.length === 0) {
    w.paragraph(w.t(L('未发现违反场所规则的情况。', 'No site-rule findings.')), { after: 10 });
    return;
  }
  w.startTable([
    { title: L('场所', 'Site'), width: 150 },
    { title: L('规则', 'Rule'), width: 160 },
    { title: L('说明', 'Detail'), width: w.width - 310 },
  ]);
  for (const s of input.siteFindings) {
    w.wrappedRow([
      `${s.siteName}（${s.siteId}）`,
      w.t(SITE_RULE_LABELS[s.rule]),
      s.detail ? w.t(s.detail) : '',
    ]);
  }
  w.endTable();
}

/** Horizontal bars of captures by reason, drawn as vector paths so the chart stays sharp and searchable. */
function reasonChart(w: PdfPageWriter, input: CaseFileInput): void {
  const { doc } = w;
  const labelWidth = 150;
  const valueWidth = 60;
  const plotWidth = w.width - labelWidth - valueWidth;
  const barHeight = 14;
  const pitch = 24;
  const data = input.findingsByReason.map((r) => ({ key: r.reason, value: r.captures }));
  if (data.length === 0) {
    w.paragraph(w.t(L('没有发现。', 'No findings.')), { after: 8 });
    return;
  }
  const layout = layoutBarChart(data, plotWidth);
  const height = data.length * pitch + 26;
  w.ensure(height + 10);
  const top = w.y;
  const x0 = w.left + labelWidth;
  for (const tick of layout.ticks) {
    const x = x0 + (tick / layout.axisMax) * plotWidth;
    doc
      .moveTo(x, top)
      .lineTo(x, top + data.length * pitch)
      .lineWidth(0.3)
      .strokeColor(tick === 0 ? MUTED : SHADE)
      .stroke();
    w.use('regular', 7, MUTED);
    const text = formatCount(tick);
    doc.text(text, x - doc.widthOfString(text) / 2, top + data.length * pitch + 3, { lineBreak: false });
  }
  layout.bars.forEach((bar, i) => {
    const y = top + i * pitch + (pitch - barHeight) / 2;
    const label = reasonLabel(bar.key as FindingReason);
    w.use('regular', 8.5, INK);
    doc.text(label.zh, w.left, w.en ? y - 1 : y + 2, { width: labelWidth - 6, lineBreak: false });
    if (w.en) {
      w.use('regular', 6.5, MUTED);
      doc.text(latin(label.en), w.left, y + 9, { lineBreak: false });
    }
    if (bar.length > 0) doc.rect(x0, y, bar.length, barHeight).fill(ACCENT);
    w.use('bold', 8, INK);
    doc.text(formatCount(bar.value), x0 + bar.length + 4, y + 2, { lineBreak: false });
  });
  w.y = top + height;
  w.use('regular', 7, MUTED);
  doc.text(
    w.t(L('图 1  按原因统计的无有效同意采集次数', 'Figure 1  Captures without valid consent, by reason')),
    w.left,
    w.y,
    { lineBreak: false },
  );
  w.y += 16;
}
