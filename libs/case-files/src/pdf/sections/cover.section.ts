import type { BilingualText } from '@app/common';
import type { CaseFileInput } from '../../case-file.types';
import { formatLocalDate, formatZoneOffset } from '../../core/format';
import { centred, chineseDate } from '../case-file-layout';
import { DRAFT_NOTICE, L, SECTIONS, SUBJECT, documentTitle } from '../case-file-text';
import { ACCENT, INK, MUTED, RULE, latin, type PdfPageWriter } from '../pdf-page-writer';

/** The cover: authority, title, case number, party, the three dates, contents, draft notice, signatures. */
export function coverSection(w: PdfPageWriter, input: CaseFileInput): void {
  const zone = input.firm.timezone;
  const { authority, dates } = input;
  const title = documentTitle(input.decision.outcome);
  w.newPage('portrait');
  w.gap(8);
  centred(w, authority.name.zh, 'bold', 15);
  if (w.en) centred(w, latin(authority.name.en), 'regular', 10, MUTED);
  w.gap(18);
  centred(w, title.zh, 'bold', 24);
  if (w.en) centred(w, title.en, 'regular', 13, MUTED);
  w.gap(4);
  centred(w, SUBJECT.zh, 'regular', 11);
  if (w.en) centred(w, SUBJECT.en, 'regular', 9, MUTED);
  w.gap(14);

  const notRecorded = L('未记录', 'not recorded');
  const day = (d: string | null) => (d ? chineseDate(d) : w.t(notRecorded));
  const from = formatLocalDate(input.inspectionPeriod.from, zone);
  const to = formatLocalDate(input.inspectionPeriod.to, zone);
  const region = authority.region;
  w.keyValues([
    { label: L('案号', 'Case number'), value: input.caseNumber },
    {
      label: L('执法机关', 'Authority'),
      value: [authority.name.zh, `${w.t(region.name)}（行政区划代码 ${region.code}）`, authority.address]
        .filter(Boolean)
        .join('\n'),
    },
    { label: L('当事人', 'Party'), value: input.firm.name },
    { label: L('统一社会信用代码', 'Unified social credit code'), value: input.firm.creditCode },
    { label: L('当事人所在地', "Party's region"), value: input.firm.region },
    { label: L('发现时间', 'Discovered'), value: day(dates.discoveryDate) },
    { label: L('立案日期', 'Case filed'), value: day(dates.filingDate) },
    { label: L('决定日期', 'Decision date'), value: chineseDate(dates.decisionDate) },
    { label: L('违法行为期间', 'Period of the conduct'), value: `${from} 至 ${to}` },
    {
      label: L('时区', 'Time zone'),
      value: w.t(
        L(
          `${zone}（${formatZoneOffset(input.inspectionPeriod.to, zone)}）。本文件中的时间均为该时区的当地时间。`,
          'All times in this file are local times in this zone.',
        ),
      ),
    },
  ]);

  contents(w, input);
  if (input.draftReasons.length > 0) draftBox(w, input.draftReasons);
  signatureBlock(w, input);
}

function contents(w: PdfPageWriter, input: CaseFileInput): void {
  const fine = input.decision.outcome === 'fine';
  w.use('bold', 9, INK);
  w.doc.text(w.t(L('目录', 'Contents')), w.left, w.y, { lineBreak: false });
  w.y += 13;
  const items: [string, BilingualText][] = [
    ['1', SECTIONS.facts],
    ['2', SECTIONS.legal],
    ['3', SECTIONS.evidence],
    ['4', SECTIONS.findings],
    ['5', SECTIONS.persons],
    ['6', fine ? SECTIONS.fine : SECTIONS.noPenalty],
    ['7', SECTIONS.appeal],
    ['', SECTIONS.annexA],
    ['', SECTIONS.annexB],
    ['', SECTIONS.annexC],
    ['', SECTIONS.integrity],
  ];
  // With English alongside the lines are long and the cover is full: two columns keep the signatures on it.
  const perColumn = w.en ? Math.ceil(items.length / 2) : items.length;
  const columnWidth = w.en ? w.width / 2 - 12 : w.width - 8;
  const top = w.y;
  let bottom = top;
  w.use('regular', 8.5, INK);
  items.forEach(([n, t], i) => {
    const column = Math.floor(i / perColumn);
    if (i % perColumn === 0) w.y = top;
    const text = `${n ? `${n}  ` : ''}${w.t(t)}`;
    w.doc.text(text, w.left + 8 + column * (w.width / 2), w.y, { width: columnWidth, lineGap: 0 });
    w.y += Math.max(11, w.doc.heightOfString(text, { width: columnWidth, lineGap: 0 }));
    bottom = Math.max(bottom, w.y);
  });
  w.y = bottom + 6;
}

function draftBox(w: PdfPageWriter, reasons: readonly BilingualText[]): void {
  const { doc } = w;
  const lines = [w.t(DRAFT_NOTICE), ...reasons.map((r, i) => `${i + 1}. ${w.t(r)}`)].join('\n');
  w.use('regular', 8, '#c00000');
  const height = doc.heightOfString(lines, { width: w.width - 16, lineGap: 1 }) + 10;
  w.ensure(height + 4);
  doc.rect(w.left, w.y, w.width, height).lineWidth(0.8).strokeColor('#c00000').stroke();
  w.use('regular', 8, '#c00000');
  doc.text(lines, w.left + 8, w.y + 5, { width: w.width - 16, lineGap: 1 });
  w.y += height + 8;
}

/**
 * Four boxes at the foot of the cover, each naming who signs it: the two handling officers with their
 * enforcement certificate numbers, the legal reviewer, the head who approves, and the seal.
 */
function signatureBlock(w: PdfPageWriter, input: CaseFileInput): void {
  const { doc } = w;
  const o = input.authority.officers;
  const boxHeight = 66;
  const gutter = 10;
  const boxWidth = (w.width - gutter) / 2;
  const blockHeight = 2 * boxHeight + gutter;
  // A crowded cover gets the block on the next page rather than overprinting it.
  if (w.y > w.bottom - blockHeight - 4) w.newPage();
  const top = w.bottom - blockHeight;
  const boxes: [BilingualText, string, boolean][] = [
    [
      L('承办人签名', "Handling officers' signatures"),
      o.handling.map((h) => `${h.name}（执法证号 ${h.certificate}）`).join('\n'),
      true,
    ],
    [L('法制审核人签名', "Legal reviewer's signature"), o.legalReviewer, true],
    [L('负责人审批', "Head's approval"), o.head, true],
    [L('执法机关印章', 'Seal of the authority'), input.authority.name.zh, false],
  ];
  boxes.forEach(([label, names, dated], i) => {
    const x = w.left + (i % 2) * (boxWidth + gutter);
    const y = top + Math.floor(i / 2) * (boxHeight + gutter);
    doc.rect(x, y, boxWidth, boxHeight).lineWidth(0.6).strokeColor(RULE).stroke();
    w.use('bold', 8, INK);
    doc.text(w.t(label), x + 6, y + 5, { lineBreak: false });
    w.use('regular', 7.5, ACCENT);
    doc.text(names, x + 6, y + 17, { width: boxWidth - 12, lineGap: 0.5 });
    if (dated) {
      w.use('regular', 7, MUTED);
      doc.text(w.t(L('签名及日期：', 'Signature and date:')), x + 6, y + boxHeight - 13, {
        lineBreak: false,
      });
      doc
        .moveTo(x + (w.en ? 120 : 56), y + boxHeight - 5)
        .lineTo(x + boxWidth - 8, y + boxHeight - 5)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
    }
  });
  w.y = top + blockHeight;
}
