import { DomainError, FINDING_REASONS, formatAmount, MoneyDecimal, type FindingReason } from '@app/common';
import type { BilingualText, CaseFileInput } from '../case-file.types';
import { CaseFileErrorCode } from '../case-files.errors';
import { defaultAppealRights } from '../core/appeal-rights';
import { layoutBarChart } from '../core/bar-chart';
import {
  chineseUppercaseAmount,
  formatBytes,
  formatCount,
  formatLocalDate,
  formatLocalDateTime,
  formatLocalMinute,
  formatZoneOffset,
} from '../core/format';
import { purposeLabel, reasonLabel, SITE_RULE_LABELS } from '../core/labels';
import { affectedPersonRowIssues, findingRowIssues } from '../core/validate-case-file-input';
import { ACCENT, INK, MUTED, RULE, SHADE, type PdfPageWriter } from './pdf-page-writer';

/** The version of this layout; printed in the integrity section and the PDF metadata. */
export const CASE_FILE_FORMAT_VERSION = '1';

const L = (zh: string, en: string): BilingualText => ({ zh, en });

const SECTIONS = {
  facts: L('违法事实', 'Facts'),
  legal: L('法律依据', 'Legal basis'),
  evidence: L('证据清单', 'Evidence manifest'),
  findings: L('调查发现', 'Findings'),
  persons: L('受影响人员', 'Affected persons'),
  fine: L('罚款及计算过程', 'Fine and how it was calculated'),
  appeal: L('救济途径', 'Rights of appeal'),
  annexA: L('附件一：发现明细', 'Annex A: List of findings'),
  annexB: L('附件二：受影响人员名单', 'Annex B: List of affected persons'),
  integrity: L('完整性说明', 'Integrity of this file'),
};

/** Waits for written bytes to drain; called between pages of the streamed annexes. */
export type Pace = () => Promise<void>;

/** Renders every section in order; returns the row counts of the two streamed annexes. */
export async function renderCaseFileSections(
  w: PdfPageWriter,
  input: CaseFileInput,
  pace: Pace,
): Promise<{ findingRows: number; affectedPersonRows: number }> {
  const zone = input.firm.timezone;
  cover(w, input);
  w.newPage('portrait');
  facts(w, input);
  legalBasis(w, input);
  evidence(w, input);
  findings(w, input);
  affectedPersons(w, input);
  fine(w, input);
  appeal(w, input);
  await pace();
  w.newPage('landscape');
  const findingRows = await findingsAnnex(w, input, zone, pace);
  w.newPage('landscape');
  const affectedPersonRows = await personsAnnex(w, input, zone, pace);
  w.newPage('portrait');
  integrity(w, input, findingRows, affectedPersonRows);
  return { findingRows, affectedPersonRows };
}

function centred(w: PdfPageWriter, text: string, face: 'regular' | 'bold', size: number, color = INK): void {
  w.use(face, size, color);
  const width = w.doc.widthOfString(text);
  w.doc.text(text, w.left + (w.width - width) / 2, w.y, { lineBreak: false });
  w.y += size * 1.45;
}

function cover(w: PdfPageWriter, input: CaseFileInput): void {
  const zone = input.firm.timezone;
  w.newPage('portrait');
  w.gap(8);
  centred(w, input.authority.nameZh ?? input.authority.name, 'bold', 15);
  if (input.authority.nameZh) centred(w, input.authority.name, 'regular', 10, MUTED);
  w.gap(22);
  centred(w, '行政处罚案卷', 'bold', 24);
  centred(w, 'Administrative Penalty Case File', 'regular', 13, MUTED);
  w.gap(4);
  centred(w, '未经同意采集、使用人脸信息', 'regular', 11);
  centred(w, 'Capture and use of facial data without consent', 'regular', 9, MUTED);
  w.gap(18);

  const from = formatLocalDate(input.inspectionPeriod.from, zone);
  const to = formatLocalDate(input.inspectionPeriod.to, zone);
  w.keyValues([
    { label: L('案号', 'Case number'), value: input.caseNumber },
    {
      label: L('执法机关', 'Authority'),
      value: [input.authority.nameZh, input.authority.name, input.authority.address]
        .filter(Boolean)
        .join('\n'),
    },
    { label: L('当事人', 'Party'), value: input.firm.name },
    { label: L('统一社会信用代码', 'Unified social credit code'), value: input.firm.creditCode },
    { label: L('所在地区', 'Region'), value: input.firm.region },
    { label: L('立案时间', 'Case opened'), value: formatLocalDateTime(input.openedAt, zone) },
    { label: L('签发时间', 'Issued'), value: formatLocalDateTime(input.issuedAt, zone) },
    { label: L('检查期间', 'Inspection period'), value: `${from} — ${to}` },
    {
      label: L('时区', 'Time zone'),
      value:
        `${zone}（${formatZoneOffset(input.issuedAt, zone)}）。本案卷中的时间均为该时区的当地时间。\n` +
        'All times in this file are local times in this zone.',
    },
  ]);

  w.gap(4);
  w.use('bold', 9, INK);
  w.doc.text('目录 / Contents', w.left, w.y, { lineBreak: false });
  w.y += 14;
  const contents = [
    ['1', SECTIONS.facts],
    ['2', SECTIONS.legal],
    ['3', SECTIONS.evidence],
    ['4', SECTIONS.findings],
    ['5', SECTIONS.persons],
    ['6', SECTIONS.fine],
    ['7', SECTIONS.appeal],
    ['A', SECTIONS.annexA],
    ['B', SECTIONS.annexB],
    ['', SECTIONS.integrity],
  ] as const;
  w.use('regular', 8.5, INK);
  for (const [n, t] of contents) {
    w.doc.text(`${n}  ${t.zh} / ${t.en}`, w.left + 8, w.y, { lineBreak: false });
    w.y += 11.5;
  }

  signatureBlock(w);
}

/** Three empty boxes at the foot of the cover for wet or electronic signature and the seal. */
function signatureBlock(w: PdfPageWriter): void {
  const { doc } = w;
  const boxHeight = 96;
  const gutter = 12;
  const boxWidth = (w.width - 2 * gutter) / 3;
  // A cover with a long address or name can leave no room: the block then gets the next page to itself
  // rather than overprinting the cover.
  if (w.y > w.bottom - boxHeight - 8) w.newPage();
  const top = w.bottom - boxHeight;
  const boxes = [
    [L('承办人签名', "Officer's signature"), true],
    [L('审核人签名', "Reviewing officer's signature"), true],
    [L('执法机关印章', 'Seal of the authority'), false],
  ] as const;
  boxes.forEach(([label, dated], i) => {
    const x = w.left + i * (boxWidth + gutter);
    doc.rect(x, top, boxWidth, boxHeight).lineWidth(0.6).strokeColor(RULE).stroke();
    w.use('bold', 8, INK);
    doc.text(label.zh, x + 6, top + 5, { lineBreak: false });
    w.use('regular', 7, MUTED);
    doc.text(label.en, x + 6, top + 16, { lineBreak: false });
    if (dated) {
      w.use('regular', 7, MUTED);
      doc.text('日期 / Date:', x + 6, top + boxHeight - 16, { lineBreak: false });
      doc
        .moveTo(x + 52, top + boxHeight - 8)
        .lineTo(x + boxWidth - 8, top + boxHeight - 8)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
    }
  });
}

function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${new MoneyDecimal(part).div(whole).times(100).toFixed(1)} %`;
}

function facts(w: PdfPageWriter, input: CaseFileInput): void {
  const f = input.facts;
  w.sectionHeading('1', SECTIONS.facts);
  if (f.summaryZh) w.paragraph(f.summaryZh, { after: 4 });
  w.paragraph(f.summary, { size: f.summaryZh ? 8.5 : 9.5, color: f.summaryZh ? MUTED : INK, after: 10 });
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
}

function legalBasis(w: PdfPageWriter, input: CaseFileInput): void {
  w.sectionHeading('2', SECTIONS.legal);
  input.legalBasis.forEach((b, i) => {
    w.paragraph(`${i + 1}. ${b.citation}`, { face: 'bold', size: 9.5, after: 2 });
    if (b.textZh) w.paragraph(b.textZh, { indent: 14, after: 2 });
    w.paragraph(b.text, { indent: 14, size: b.textZh ? 8.5 : 9.5, color: b.textZh ? MUTED : INK, after: 8 });
  });
}

function evidence(w: PdfPageWriter, input: CaseFileInput): void {
  const zone = input.firm.timezone;
  const { doc } = w;
  w.sectionHeading('3', SECTIONS.evidence);
  w.paragraph(
    '下列文件为本案收到的原始证据。每个文件的 SHA-256 摘要在接收时计算并记入保管记录；对保存的原始文件重新计算摘要，结果一致即证明文件未被改动。',
    { after: 2 },
  );
  w.paragraph(
    'These are the raw evidence files received in this case. Each SHA-256 was computed on receipt and entered in the ' +
      'custody log; recomputing it over the stored file and getting the same value shows the file is unchanged.',
    { size: 8.5, color: MUTED, after: 8 },
  );
  const totals = { size: 0, read: 0, accepted: 0, duplicates: 0, rejected: 0 };
  input.evidence.forEach((e, i) => {
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += e[k];
    w.ensure(74);
    w.use('bold', 9.5, INK);
    doc.text(`E${i + 1}  ${e.fileName}`, w.left, w.y, { width: w.width, lineGap: 1 });
    w.y = doc.y + 2;
    const lines = [
      `类型 Kind: ${e.kind}   ·   格式 Format: ${e.format}   ·   大小 Size: ${formatBytes(e.size)}`,
      `SHA-256: ${e.sha256}`,
      `读取 Read ${formatCount(e.read)}   ·   接受 Accepted ${formatCount(e.accepted)}   ·   ` +
        `重复 Duplicates ${formatCount(e.duplicates)}   ·   拒绝 Rejected ${formatCount(e.rejected)}`,
      `接收时间 Received: ${formatLocalDateTime(e.receivedAt, zone)}   ·   提交人 Submitted by: ${e.submittedBy}`,
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
  w.paragraph(
    `合计 Total: ${formatCount(input.evidence.length)} 个文件 files, ${formatBytes(totals.size)}; ` +
      `读取 read ${formatCount(totals.read)}, 接受 accepted ${formatCount(totals.accepted)}, ` +
      `重复 duplicates ${formatCount(totals.duplicates)}, 拒绝 rejected ${formatCount(totals.rejected)}.`,
    { face: 'bold', size: 8.5, after: 12 },
  );
}

function findings(w: PdfPageWriter, input: CaseFileInput): void {
  w.sectionHeading('4', SECTIONS.findings, 200);
  w.subHeading(L('4.1 按原因统计', 'By reason'), 180);
  reasonChart(w, input);
  w.startTable([
    { title: L('原因代码', 'Reason code'), width: 150 },
    { title: L('原因', 'Reason'), width: 205 },
    { title: L('采集次数', 'Captures'), width: 64, align: 'right' },
    { title: L('涉及人员', 'Persons'), width: 64, align: 'right' },
  ]);
  for (const r of input.findingsByReason) {
    const label = reasonLabel(r.reason);
    w.row([r.reason, `${label.zh} / ${label.en}`, formatCount(r.captures), formatCount(r.subjects)]);
  }
  w.endTable();

  w.subHeading(L('4.2 按场所统计', 'By site'), 80);
  for (const site of input.findingsBySite) {
    const entries = Object.entries(site.byReason) as [FindingReason, number][];
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
      const label = reasonLabel(reason);
      w.row([`${label.zh} / ${label.en}（${reason}）`, formatCount(n)]);
    }
    w.row([`合计 / Total`, formatCount(total)]);
    w.endTable();
  }

  w.subHeading(L('4.3 场所规则', 'Site rules'), 40);
  if (input.siteFindings.length === 0) {
    w.paragraph('未发现违反场所规则的情况。 / No site-rule findings.', { after: 10 });
  } else {
    w.startTable([
      { title: L('场所', 'Site'), width: 150 },
      { title: L('规则', 'Rule'), width: 160 },
      { title: L('说明', 'Detail'), width: w.width - 310 },
    ]);
    for (const s of input.siteFindings) {
      const label = SITE_RULE_LABELS[s.rule];
      w.wrappedRow([`${s.siteName}（${s.siteId}）`, `${label.zh} / ${label.en}`, s.detail ?? '']);
    }
    w.endTable();
  }
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
    w.paragraph('没有发现。 / No findings.', { after: 8 });
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
    doc.text(label.zh, w.left, y - 1, { lineBreak: false });
    w.use('regular', 6.5, MUTED);
    doc.text(bar.key, w.left, y + 9, { lineBreak: false });
    if (bar.length > 0) doc.rect(x0, y, bar.length, barHeight).fill(ACCENT);
    w.use('bold', 8, INK);
    doc.text(formatCount(bar.value), x0 + bar.length + 4, y + 2, { lineBreak: false });
  });
  w.y = top + height;
  w.use('regular', 7, MUTED);
  doc.text(
    '图 1  按原因统计的无有效同意采集次数 / Figure 1  Captures without valid consent, by reason',
    w.left,
    w.y,
    {
      lineBreak: false,
    },
  );
  w.y += 16;
}

function affectedPersons(w: PdfPageWriter, input: CaseFileInput): void {
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
  w.bilingualParagraph(
    L(
      '受影响人员的完整名单见附件二。人员以当事人系统中的人员编号标识；本案卷不包含任何人脸图像或其他生物特征数据。',
      "The complete list of affected persons is Annex B. Persons are identified by the reference the firm's own system " +
        'gave them; this file contains no face images or other biometric data.',
    ),
  );
}

function fine(w: PdfPageWriter, input: CaseFileInput): void {
  const p = input.penalty;
  const { doc } = w;
  w.sectionHeading('6', SECTIONS.fine, 230);
  const boxHeight = p.currency === 'CNY' ? 58 : 42;
  w.ensure(boxHeight + 10);
  doc.rect(w.left, w.y, w.width, boxHeight).lineWidth(1).strokeColor(ACCENT).stroke();
  w.use('bold', 10, INK);
  doc.text('罚款金额 / Fine', w.left + 10, w.y + 8, { lineBreak: false });
  w.use('bold', 16, ACCENT);
  doc.text(`${p.currency} ${formatAmount(p.amount)}`, w.left + 150, w.y + 5, { lineBreak: false });
  if (p.currency === 'CNY') {
    w.use('regular', 10, INK);
    doc.text(`（大写）${chineseUppercaseAmount(p.amount)}`, w.left + 150, w.y + 30, { lineBreak: false });
  }
  w.y += boxHeight + 10;
  w.keyValues([
    { label: L('规则手册', 'Rulebook'), value: `${p.rulebook}（版本 version ${p.version}）` },
    {
      label: L('法定幅度', 'Statutory range'),
      value: `${p.currency} ${formatAmount(p.min)} — ${formatAmount(p.max)}`,
    },
    { label: L('裁量档次', 'Discretion tier'), value: p.tier },
  ]);
  w.subHeading(L('计算过程', 'Calculation trace'), 60);
  w.startTable(
    [
      { title: L('序号', 'No.'), width: 24 },
      { title: L('说明', 'Description'), width: 236 },
      { title: L('依据', 'Citation'), width: 128 },
      { title: L('数值', 'Value'), width: w.width - 388, align: 'right' },
    ],
    { size: 7.5 },
  );
  // Facts the calculator had to assume are listed in full under "Assumptions" below, not squeezed in here.
  const steps = p.steps.filter((s) => !s.id.startsWith('assumption.'));
  steps.forEach((s, i) => w.wrappedRow([String(i + 1), `${s.description} [${s.id}]`, s.citation, s.value]));
  w.endTable();
  if (p.assumptions.length > 0) {
    w.subHeading(L('假设与说明', 'Assumptions'), 30);
    p.assumptions.forEach((a, i) => w.paragraph(`${i + 1}. ${a}`, { size: 8.5, indent: 8, after: 3 }));
    w.gap(6);
  }
  if (p.precedents && p.precedents.length > 0) {
    w.subHeading(L('可比处罚决定', 'Comparable decisions'), 60);
    w.startTable(
      [
        { title: L('决定机关', 'Authority'), width: 130 },
        { title: L('日期', 'Date'), width: 54 },
        { title: L('当事人', 'Party'), width: 140 },
        { title: L('罚款', 'Fine'), width: 82, align: 'right' },
        { title: L('本案建议相比', 'Proposal vs.'), width: w.width - 406, align: 'right' },
      ],
      { size: 7.5 },
    );
    for (const c of p.precedents) {
      w.wrappedRow([
        c.authority,
        c.decisionDate,
        c.defendant,
        `${c.currency} ${formatAmount(c.amount)}`,
        c.versus,
      ]);
    }
    w.endTable();
    if (p.precedentPosition) w.paragraph(p.precedentPosition, { size: 8.5, after: 6 });
  }
}

function appeal(w: PdfPageWriter, input: CaseFileInput): void {
  w.sectionHeading('7', SECTIONS.appeal);
  for (const p of input.appealRights ?? defaultAppealRights(input.authority)) w.bilingualParagraph(p);
}

function rowError(list: string, index: number, issues: string[]): DomainError {
  return new DomainError(
    CaseFileErrorCode.InvalidRow,
    `${list} row ${index + 1} is invalid: ${issues.join('; ')}`,
    {
      list,
      row: index + 1,
      issues,
    },
  );
}

function reasonLegend(w: PdfPageWriter, reasons: readonly FindingReason[]): void {
  w.use('regular', 7, MUTED);
  const text = reasons.map((r) => `${r} = ${reasonLabel(r).zh} / ${reasonLabel(r).en}`).join('；  ');
  w.paragraph(`原因代码 Reason codes: ${text}`, { size: 7, color: MUTED, after: 6 });
}

/**
 * The consent records a finding was checked against. With more than two the count comes first, so that
 * when the cell runs out of lines (and ends in an ellipsis) the reader still knows how many there were.
 */
function consentCell(ids: string[]): string {
  if (ids.length === 0) return '—';
  if (ids.length <= 2) return ids.join(', ');
  const n = formatCount(ids.length);
  return `共 ${n} 条 / ${n} in all: ${ids.slice(0, 20).join(', ')}`;
}

/** `2019-04-01 09:00 — 09:43`, repeating the date only when the span crosses midnight. */
function captureSpan(firstAt: string, lastAt: string, zone: string): string {
  const first = formatLocalMinute(firstAt, zone);
  const last = formatLocalMinute(lastAt, zone);
  return `${first} — ${last.slice(0, 10) === first.slice(0, 10) ? last.slice(11) : last}`;
}

async function findingsAnnex(
  w: PdfPageWriter,
  input: CaseFileInput,
  zone: string,
  pace: Pace,
): Promise<number> {
  w.sectionHeading('A', SECTIONS.annexA, 60);
  w.paragraph(
    `每行为同一人员在同一设备上因同一原因被采集的记录汇总。时间为 ${zone} 当地时间。 / Each row groups the captures of ` +
      `one person on one device for one reason. Times are local times in ${zone}.`,
    { size: 8, after: 3 },
  );
  reasonLegend(w, FINDING_REASONS);
  w.startTable([
    { title: L('序号', 'No.'), width: 44, align: 'right' },
    { title: L('原因代码', 'Reason code'), width: 160 },
    { title: L('人员编号', 'Person ref.'), width: 76 },
    { title: L('目的', 'Purpose'), width: 68 },
    { title: L('设备 / 场所', 'Device / site'), width: 110 },
    { title: L('采集次数', 'Captures'), width: 48, align: 'right' },
    { title: L('首次 — 最后采集', 'First — last capture'), width: 150 },
    { title: L('相关同意记录', 'Consent records'), width: 100 },
  ]);
  let n = 0;
  for await (const row of input.findings()) {
    const issues = findingRowIssues(row, zone);
    if (issues.length > 0) throw rowError('findings', n, issues);
    n += 1;
    w.row([
      formatCount(n),
      row.reason,
      row.subjectRef ?? '（未识别）',
      purposeLabel(row.purpose).zh,
      `${row.deviceId} / ${row.siteId}`,
      formatCount(row.captureCount),
      captureSpan(row.firstAt, row.lastAt, zone),
      consentCell(row.consentIds),
    ]);
    if (w.takePageBreaks()) await pace();
  }
  if (n === 0) w.row(['', '（无 none）']);
  w.endTable();
  w.paragraph(`附件一共 ${formatCount(n)} 行。 / Annex A has ${formatCount(n)} rows.`, {
    face: 'bold',
    size: 8.5,
  });
  return n;
}

async function personsAnnex(
  w: PdfPageWriter,
  input: CaseFileInput,
  zone: string,
  pace: Pace,
): Promise<number> {
  w.sectionHeading('B', SECTIONS.annexB, 60);
  w.paragraph(
    `人员以当事人系统中的编号标识。时间为 ${zone} 当地时间。 / Persons are identified by the firm's own reference. ` +
      `Times are local times in ${zone}.`,
    { size: 8, after: 6 },
  );
  w.startTable([
    { title: L('序号', 'No.'), width: 50, align: 'right' },
    { title: L('人员编号', 'Person ref.'), width: 150 },
    { title: L('采集次数', 'Captures'), width: 70, align: 'right' },
    { title: L('首次采集', 'First capture'), width: 100 },
    { title: L('最后采集', 'Last capture'), width: 100 },
    { title: L('原因代码', 'Reason codes'), width: w.width - 470 },
  ]);
  let n = 0;
  for await (const row of input.affectedPersons()) {
    const issues = affectedPersonRowIssues(row, zone);
    if (issues.length > 0) throw rowError('affectedPersons', n, issues);
    n += 1;
    w.row([
      formatCount(n),
      row.subjectRef,
      formatCount(row.captures),
      formatLocalMinute(row.firstAt, zone),
      formatLocalMinute(row.lastAt, zone),
      row.reasons.join(', '),
    ]);
    if (w.takePageBreaks()) await pace();
  }
  if (n === 0) w.row(['', '（无 none）']);
  w.endTable();
  w.paragraph(`附件二共 ${formatCount(n)} 人。 / Annex B lists ${formatCount(n)} persons.`, {
    face: 'bold',
    size: 8.5,
  });
  return n;
}

function integrity(w: PdfPageWriter, input: CaseFileInput, findingRows: number, personRows: number): void {
  w.sectionHeading('', SECTIONS.integrity);
  w.bilingualParagraph(
    L(
      `本案卷（案号 ${input.caseNumber}）由 bioaudit 案卷生成器（版式版本 ${CASE_FILE_FORMAT_VERSION}）根据案件登记册中保存的记录生成，` +
        `共列出发现 ${formatCount(findingRows)} 行、受影响人员 ${formatCount(personRows)} 人。相同的记录总是生成逐字节相同的 PDF 文件；` +
        '文件的创建时间取自签发时间，而非生成时刻。',
      `This case file (case number ${input.caseNumber}) was generated by the bioaudit case-file renderer (layout version ` +
        `${CASE_FILE_FORMAT_VERSION}) from the records stored in the case register; it lists ${formatCount(findingRows)} ` +
        `finding rows and ${formatCount(personRows)} affected persons. The same records always produce a byte-identical PDF; ` +
        'its creation date is the issue date, never the moment it was generated.',
    ),
  );
  w.bilingualParagraph(
    L(
      '本文件的 SHA-256 摘要在生成时计算，并记入案件登记册。摘要不能印在本文件之中，因为印上摘要就会改变文件本身。',
      'The SHA-256 digest of this file was computed when it was generated and is recorded in the case register. The ' +
        'digest cannot be printed inside the file itself, because printing it would change the file.',
    ),
  );
  w.bilingualParagraph(
    L(
      '核验方法：对所持有的 PDF 文件计算 SHA-256（例如 sha256sum 文件名.pdf），并与案件登记册中本案号下记录的值比对；两者一致，' +
        '即证明文件自生成以来未被改动。证据清单中每个原始文件的摘要可用同样方法与保存的原始文件核对。' +
        '签名、盖章后的版本是另一份文件，其摘要另行登记。',
      'To verify: compute the SHA-256 of the PDF you hold (for example: sha256sum file.pdf) and compare it with the value ' +
        'recorded under this case number in the case register; if they match, the file is unchanged since it was ' +
        'generated. Each raw evidence file in the manifest can be checked the same way against the stored original. A ' +
        'signed or sealed version is a different file, and its digest is registered separately.',
    ),
  );
  w.paragraph(`签发时间 Issued: ${formatLocalDateTime(input.issuedAt, input.firm.timezone)}`, {
    size: 8.5,
    color: MUTED,
  });
}
