import { formatAmount, MoneyDecimal } from '@app/common';
import { aplArticle, appealArticles } from '@app/law';
import type { CaseFileInput, CaseFilePenalty, CaseFilePrecedent } from '../../case-file.types';
import { defaultAppealRights, type AppealArticleLabels } from '../../core/appeal-rights';
import { chineseUppercaseAmount } from '../../core/format';
import { L, NO_PENALTY_DECISION, SECTIONS, limitationText } from '../case-file-text';
import { ACCENT, INK, latin, type PdfPageWriter } from '../pdf-page-writer';

/**
 * 6 The decision: a fine with its calculation, or — for a time-barred case (APL art. 36) or one that
 * qualifies for no penalty (APL art. 33) — the reasons for imposing none, with no amount anywhere.
 */
export function decisionSection(w: PdfPageWriter, input: CaseFileInput): void {
  const d = input.decision;
  if (d.outcome === 'fine' && d.penalty) fine(w, input, d.penalty);
  else noPenalty(w, input);
}

function noPenalty(w: PdfPageWriter, input: CaseFileInput): void {
  const d = input.decision;
  w.sectionHeading('6', SECTIONS.noPenalty, 120);
  if (d.reason) w.bilingualParagraph(d.reason, { after: 8 });
  if (d.limitation) {
    const l = d.limitation;
    w.subHeading(L('追责时效的计算', 'Limitation period'), 80);
    w.keyValues([
      { label: L('违法行为终了之日', 'Conduct ended'), value: l.conductEnded },
      {
        label: L('发现之日', 'Discovered'),
        value: l.discoveryAssumed
          ? w.t(L(`${l.discoveryDate}（推定）`, `${l.discoveryDate} (assumed)`))
          : l.discoveryDate,
      },
      { label: L('追责期限届满之日', 'Limitation period ended'), value: l.deadline },
      { label: L('依据', 'Basis'), value: w.t(l.citation) },
    ]);
    w.bilingualParagraph(limitationText(l), { size: 9 });
  }
  if (d.measures.length > 0) {
    w.subHeading(L('其他处理', 'Other measures'), 30);
    d.measures.forEach((m, i) => w.bilingualParagraph(L(`${i + 1}. ${m.zh}`, m.en), { indent: 8, size: 9 }));
  }
  w.bilingualParagraph(NO_PENALTY_DECISION, { face: 'bold', after: 10 });
}

function fine(w: PdfPageWriter, input: CaseFileInput, p: CaseFilePenalty): void {
  const d = input.decision;
  const { doc } = w;
  w.sectionHeading('6', SECTIONS.fine, 230);
  // Where the facts allow no fine (only an order to correct, a warning), the box says so rather than 0.00.
  const noFine = new MoneyDecimal(p.amount).isZero();
  const boxHeight = p.currency === 'CNY' && !noFine ? 58 : 42;
  w.ensure(boxHeight + 10);
  doc.rect(w.left, w.y, w.width, boxHeight).lineWidth(1).strokeColor(ACCENT).stroke();
  w.use('bold', 10, INK);
  doc.text(w.t(L('罚款金额', 'Fine')), w.left + 10, w.y + 8, { lineBreak: false });
  w.use('bold', noFine ? 12 : 16, ACCENT);
  const amount = noFine ? w.t(L('不处罚款', 'No fine')) : `${p.currency} ${formatAmount(p.amount)}`;
  doc.text(amount, w.left + 150, w.y + (noFine ? 8 : 5), { lineBreak: false });
  if (p.currency === 'CNY' && !noFine) {
    w.use('regular', 10, INK);
    doc.text(`（大写）${chineseUppercaseAmount(p.amount)}`, w.left + 150, w.y + 30, { lineBreak: false });
  }
  w.y += boxHeight + 10;
  const rows = [
    { label: L('计算所依据的规则', 'Rules applied'), value: w.t(p.rulebook.title) },
    ...(noFine
      ? []
      : [
          {
            label: L('法定幅度', 'Statutory range'),
            value: `${p.currency} ${formatAmount(p.min)} — ${formatAmount(p.max)}`,
          },
        ]),
    { label: L('裁量档次', 'Discretion tier'), value: w.t(p.tier.label) },
  ];
  if (d.measures.length > 0) {
    rows.push({ label: L('其他处理', 'Other measures'), value: d.measures.map((m) => w.t(m)).join('\n') });
  }
  w.keyValues(rows);
  if (d.limitation) {
    w.subHeading(L('追责时效', 'Limitation period'), 30);
    w.bilingualParagraph(limitationText(d.limitation), { size: 9 });
  }

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
  steps.forEach((s, i) =>
    w.wrappedRow([String(i + 1), twoLines(w, s.description), twoLines(w, s.citation), s.value]),
  );
  w.endTable();
  if (p.assumptions.length > 0) {
    w.subHeading(L('假设与说明', 'Assumptions'), 30);
    p.assumptions.forEach((a, i) =>
      w.bilingualParagraph(L(`${i + 1}. ${a.zh}`, `${i + 1}. ${a.en}`), { size: 8.5, indent: 8, after: 4 }),
    );
    w.gap(6);
  }
  precedents(w, p);
}

/** A cell with the Chinese text and, when English is on, the English on the next line. */
function twoLines(w: PdfPageWriter, text: { zh: string; en: string }): string {
  return w.en ? `${text.zh}\n${latin(text.en)}` : text.zh;
}

function precedents(w: PdfPageWriter, p: CaseFilePenalty): void {
  const comparable = p.precedents.filter((c) => c.comparable);
  const apart = p.precedents.filter((c) => !c.comparable);
  if (comparable.length > 0) {
    w.subHeading(
      L(`可比处罚决定（${comparable.length} 件）`, `Comparable decisions (${comparable.length})`),
      60,
    );
    precedentTable(w, comparable, false);
  }
  if (p.precedentPosition) w.bilingualParagraph(p.precedentPosition, { size: 8.5, after: 8 });
  if (apart.length > 0) {
    w.subHeading(
      L(
        `不具可比性、单独列示的决定（${apart.length} 件，不计入比较）`,
        `Shown apart, not compared (${apart.length})`,
      ),
      60,
    );
    precedentTable(w, apart, true);
  }
}

function precedentTable(w: PdfPageWriter, rows: CaseFilePrecedent[], apart: boolean): void {
  w.startTable(
    [
      { title: L('决定机关', 'Authority'), width: 100 },
      { title: L('日期', 'Date'), width: 52 },
      { title: L('当事人', 'Party'), width: 100 },
      { title: L('罚款', 'Fine'), width: 78, align: 'right' },
      apart
        ? { title: L('单列理由', 'Why apart'), width: 78 }
        : { title: L('本案建议相比', 'Proposal vs.'), width: 78, align: 'right' },
      { title: L('来源', 'Source'), width: w.width - 408 },
    ],
    { size: 7 },
  );
  for (const c of rows) {
    w.wrappedRow([
      w.t(c.authority),
      c.decisionDate,
      w.t(c.defendant),
      `${c.currency} ${formatAmount(c.amount)}`,
      apart ? (c.apartReason ? w.t(c.apartReason) : '') : c.versus,
      c.publication,
    ]);
  }
  w.endTable();
}

/** The appeal articles in the versions in force on the decision date (one legal table: @app/law). */
function appealLabels(decisionDate: string): AppealArticleLabels {
  const { reconsideration, litigation } = appealArticles(decisionDate);
  return {
    reconsideration: reconsideration.label,
    litigation: litigation?.label ?? {
      zh: '《中华人民共和国行政诉讼法》',
      en: 'Administrative Litigation Law of the PRC',
    },
    noSuspension: aplArticle('noSuspension', decisionDate)!.label,
  };
}

/** 7 Rights of appeal: the caller's text, or the template worded for the outcome. */
export function appealSection(w: PdfPageWriter, input: CaseFileInput): void {
  w.sectionHeading('7', SECTIONS.appeal);
  const rights =
    input.appealRights ??
    defaultAppealRights(input.authority.name, input.decision.outcome, appealLabels(input.dates.decisionDate));
  for (const p of rights) w.bilingualParagraph(p);
}
