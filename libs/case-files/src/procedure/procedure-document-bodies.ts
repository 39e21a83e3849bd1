import { formatAmount, MoneyDecimal, type BilingualText } from '@app/common';
import { aplArticle } from '@app/law';
import { chineseUppercaseAmount, formatCount } from '../core/format';
import { SUBJECT } from '../pdf/case-file-text';
import { BLANK, L } from './procedure-document-text';
import type { ProcedureDocumentInput } from './procedure-document.types';
import { daysBetween } from './validate-procedure-document-input';
import type { FormRow, ProcedureLayout, SignatureBox } from './procedure-layout';

type Input = ProcedureDocumentInput;

/**
 * The bodies of the nine documents, each written once with its Chinese and English side by side (`t(zh, en)`)
 * and laid out once per language part. They print what the input says and decide nothing: dates, amounts,
 * routes of appeal and reasons are the case workflow's. Articles are the 2021 APL's (the validator refuses
 * earlier issue dates); those the legal table has come from @app/law.
 */
export function procedureDocumentBody(l: ProcedureLayout, input: Input): void {
  switch (input.kind) {
    case 'filing-approval':
      return filingApproval(l, input);
    case 'penalty-notice':
      return penaltyNotice(l, input);
    case 'hearing-notice':
      return hearingNotice(l, input);
    case 'decision':
      return decision(l, input);
    case 'no-penalty-decision':
      return noPenaltyDecision(l, input);
    case 'service-receipt':
      return serviceReceipt(l, input);
    case 'closing-report':
      return closingReport(l, input);
    case 'withdrawal':
      return withdrawal(l, input);
    case 'transfer':
      return transfer(l, input);
  }
}

// ---------------------------------------------------------------------------------------------- shared parts

const tr = (l: ProcedureLayout) => (zh: string, en: string) => l.s(L(zh, en));

/** An APL article from the legal table, in the version in force on the issue date. */
function apl(l: ProcedureLayout, input: Input, topic: Parameters<typeof aplArticle>[0]): string {
  return l.s(aplArticle(topic, input.issuedOn)!.label);
}

/** A 2021 APL article the legal table does not carry (the validator refuses earlier issue dates). */
function apl2021(l: ProcedureLayout, zh: string, en: string): string {
  return l.s(L(`《行政处罚法》${zh}`, `APL art. ${en}`));
}

/** `人民币 250,000.00 元` / `CNY 250,000.00`. */
export function money(l: ProcedureLayout, minor: number): string {
  const amount = formatAmount(new MoneyDecimal(minor).div(100).toFixed(2));
  return l.lang === 'zh' ? `人民币 ${amount} 元` : `CNY ${amount}`;
}

/** `法定罚款幅度：人民币 … 元至人民币 … 元` (or only the bound the input gives); null without either. */
function statutoryRange(l: ProcedureLayout, p: NonNullable<Input['penalty']>): string | null {
  const t = tr(l);
  const [min, max] = [p.rangeMinMinor, p.rangeMaxMinor];
  if (min === null && max === null) return null;
  const span =
    min !== null && max !== null
      ? t(`${money(l, min)}至${money(l, max)}`, `${money(l, min)} to ${money(l, max)}`)
      : max !== null
        ? t(`${money(l, max)}以下`, `up to ${money(l, max)}`)
        : t(`${money(l, min!)}以上`, `from ${money(l, min!)}`);
  return t(`法定罚款幅度：${span}`, `Statutory range: ${span}`);
}

function capitals(minor: number): string {
  return chineseUppercaseAmount(new MoneyDecimal(minor).div(100).toFixed(2));
}

function authorityName(l: ProcedureLayout, input: Input): string {
  return l.lang === 'zh' ? input.authority.nameZh : (input.authority.nameEn ?? input.authority.nameZh);
}

/** `张明（执法证号 33020012345）` per handler. */
function handlerLines(l: ProcedureLayout, input: Input): string[] {
  const t = tr(l);
  return input.handlers.map((h) =>
    h.certificateNumber
      ? t(`${h.name}（执法证号 ${h.certificateNumber}）`, `${h.name} (certificate ${h.certificateNumber})`)
      : h.name,
  );
}

function caseTitle(l: ProcedureLayout, input: Input): string {
  return tr(l)(`${input.firm.name}${SUBJECT.zh}案`, `${input.firm.name}: ${SUBJECT.en}`);
}

function caseNumbers(l: ProcedureLayout, input: Input): string {
  const t = tr(l);
  return input.docketNumber
    ? t(
        `${input.caseNumber}（立案号 ${input.docketNumber}）`,
        `${input.caseNumber} (docket No. ${input.docketNumber})`,
      )
    : input.caseNumber;
}

/** The party as a letter names it at its head. */
function partyBlock(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  l.lines([
    { label: t('当事人', 'Party'), value: input.firm.name },
    { label: t('统一社会信用代码', 'Unified social credit code'), value: input.firm.creditCode },
    ...(input.firm.address ? [{ label: t('住所', 'Address'), value: input.firm.address }] : []),
    { label: t('案号', 'Case No.'), value: caseNumbers(l, input) },
  ]);
}

/** The party as a form lists it. */
/** The date a form is made out, above it at the right (its signatures are dated by hand). */
function formDate(l: ProcedureLayout, input: Input): void {
  l.rightLine(tr(l)(`填表日期：${l.date(input.issuedOn)}`, `Date: ${l.date(input.issuedOn)}`));
}

function partyRows(l: ProcedureLayout, input: Input): { label: string; value: string }[] {
  const t = tr(l);
  return [
    { label: t('案件名称', 'Case'), value: caseTitle(l, input) },
    { label: t('案号', 'Case No.'), value: input.caseNumber },
    ...(input.docketNumber ? [{ label: t('立案号', 'Docket No.'), value: input.docketNumber }] : []),
    { label: t('当事人', 'Party'), value: input.firm.name },
    { label: t('统一社会信用代码', 'Unified social credit code'), value: input.firm.creditCode },
    { label: t('住所', 'Address'), value: input.firm.address ?? '—' },
  ];
}

/** The facts in one text: the summary, the counts and period, the captures by reason. */
function factsText(l: ProcedureLayout, input: Input): string {
  const t = tr(l);
  const f = input.facts;
  if (!f) return '—';
  const summary = l.lang === 'zh' ? f.summaryZh : (f.summaryEn ?? f.summaryZh);
  const first = f.firstCapture?.slice(0, 10);
  const last = f.lastCapture?.slice(0, 10);
  const period =
    first && last
      ? t(`，时间自${l.date(first)}至${l.date(last)}`, `, from ${l.date(first)} to ${l.date(last)}`)
      : '';
  const counts = t(
    `经查，当事人采集人脸信息 ${formatCount(f.captures)} 次，涉及 ${formatCount(f.persons)} 人${period}。`,
    `The party captured facial data ${formatCount(f.captures)} times, of ${formatCount(f.persons)} persons${period}.`,
  );
  const reasons = f.byReason.map((r) =>
    t(`${r.reasonZh}：${formatCount(r.count)} 次`, `${r.reasonEn}: ${formatCount(r.count)}`),
  );
  return [summary, counts, ...reasons.map((r, i) => `${i + 1}. ${r}`)].join('\n');
}

function factsBlock(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  const f = input.facts!;
  l.para(l.lang === 'zh' ? f.summaryZh : (f.summaryEn ?? f.summaryZh));
  const text = factsText(l, input).split('\n');
  l.para(text[1]);
  if (f.byReason.length > 0) {
    l.para(t('按违法情形分列如下：', 'By kind of violation:'), { after: 2 });
    l.numbered(text.slice(2).map((line) => line.replace(/^\d+\. /, '')));
  }
}

function evidenceItems(l: ProcedureLayout, input: Input): string[] {
  const t = tr(l);
  return input.evidence.map((e) => {
    const records =
      e.records === null
        ? ''
        : t(`（${formatCount(e.records)} 条记录）`, ` (${formatCount(e.records)} records)`);
    return `${e.labelZh}${records}\nSHA-256 ${e.sha256}`;
  });
}

function basisItems(l: ProcedureLayout, input: Input): string[] {
  return input.legalBasis.map((b) => (l.lang === 'zh' ? b.zh : (b.en ?? b.zh)));
}

type Tail = Parameters<ProcedureLayout['closing']>[0][number];

/** The officer's note, as the last paragraph before the seal. */
function noteTail(l: ProcedureLayout, input: Input): Tail[] {
  return input.note ? [{ text: `${tr(l)('备注', 'Note')}${l.colon}${input.note}`, size: 9 }] : [];
}

function contactTail(l: ProcedureLayout, input: Input): Tail[] {
  const t = tr(l);
  const a = input.authority;
  const parts = [
    input.handlers.length > 0 ? input.handlers.map((h) => h.name).join(t('、', ', ')) : null,
    a.phone ? `${t('电话', 'telephone')} ${a.phone}` : null,
    a.address ? `${t('地址', 'address')} ${a.address}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0
    ? []
    : [{ text: `${t('联系人', 'Contact')}${l.colon}${parts.join(t('；', '; '))}` }];
}

const HEAD = ['一', '二', '三', '四', '五', '六', '七'];
/** `一、事实` / `1. Facts`. */
function headingText(l: ProcedureLayout, n: number, text: BilingualText): string {
  return l.lang === 'zh' ? `${HEAD[n - 1]}、${text.zh}` : `${n}. ${text.en}`;
}

/** The last paragraphs, the seal and, for what the party receives, the acknowledgement, on one page. */
function finish(l: ProcedureLayout, input: Input, tail: Tail[], receipt: boolean): void {
  const t = tr(l);
  l.closing(
    [...tail, ...noteTail(l, input)],
    { authority: authorityName(l, input), date: l.date(input.issuedOn), hint: t('（印章）', '(seal)') },
    receipt ? t('当事人签收：', 'Received by the party:') : null,
  );
}

/** The officers' opinion, signed in the form by the handling officers. */
function officersRow(l: ProcedureLayout, input: Input, opinion: string): FormRow {
  return {
    label: l.s(L('承办人意见', "Officers' proposal")),
    value: opinion + (input.note ? `\n${input.note}` : ''),
    sign: { names: handlerLines(l, input) },
  };
}

/** The head's decision, signed in the form: who approves and the boxes to tick. */
function approverRow(l: ProcedureLayout, input: Input, choices: BilingualText[]): FormRow {
  const a = input.approver;
  return {
    label: l.s(L('负责人审批意见', 'Decision of the head')),
    value: '',
    sign: { names: a ? [`${a.roleZh} ${a.name}`] : [], choices: choices.map((c) => l.s(c)) },
    minHeight: 92,
  };
}

function handlersBox(
  l: ProcedureLayout,
  input: Input,
  label = L('承办人签名', "Handling officers' signatures"),
): SignatureBox {
  return { label: l.s(label), lines: handlerLines(l, input), height: 96 };
}

function appealTable(l: ProcedureLayout, input: Input, what: BilingualText): void {
  const t = tr(l);
  l.para(
    t(
      `当事人如不服${what.zh}，可以在下列期限内（自收到本决定书之日起计算）依法申请行政复议或者提起行政诉讼：`,
      `If the party does not accept ${what.en}, it may seek review within these time limits, counted from the day it ` +
        'receives this decision:',
    ),
  );
  const w = l.w.width;
  l.table(
    [
      { title: t('途径', 'Route'), width: w * 0.43 },
      { title: t('期限（自收到本决定书之日起）', 'Time limit (from receipt)'), width: w * 0.22 },
      { title: t('依据', 'Basis'), width: w * 0.35 },
    ],
    input.rights.appeal.map((a) => [
      l.lang === 'zh' ? a.routeZh : a.routeEn,
      a.months ? t(`${a.months}个月内`, `${a.months} months`) : t(`${a.days}日内`, `${a.days} days`),
      l.lang === 'zh' ? a.articleZh : (a.articleEn ?? a.articleZh),
    ]),
    9.5,
  );
}

// ------------------------------------------------------------------------------------------------- documents

function filingApproval(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  formDate(l, input);
  l.form([
    ...partyRows(l, input),
    { label: t('涉嫌违法事实', 'Suspected facts'), value: factsText(l, input) },
    {
      label: t('证据材料', 'Evidence'),
      value:
        evidenceItems(l, input)
          .map((e, i) => `${i + 1}. ${e}`)
          .join('\n') || '—',
      size: 8.5,
    },
    {
      label: t('涉嫌违反的规定', 'Provisions breached'),
      value:
        basisItems(l, input)
          .map((b, i) => `${i + 1}. ${b}`)
          .join('\n') || '—',
    },
    officersRow(
      l,
      input,
      t(
        `当事人涉嫌违法，有证据初步证明，属于本机关管辖，且在追责期限内，建议立案调查（${apl2021(l, '第五十四条第二款', '54(2)')}）。`,
        `There is prima facie evidence of a violation within the authority's jurisdiction and the limitation period; ` +
          `the officers propose to open a case (${apl2021(l, '第五十四条第二款', '54(2)')}).`,
      ),
    ),
    approverRow(l, input, [L('同意立案', 'Approved'), L('不同意立案', 'Not approved')]),
  ]);
}

function penaltyNotice(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  const p = input.penalty!;
  const r = input.rights;
  partyBlock(l, input);
  l.para(`${input.firm.name}${l.colon}`, { bold: true });
  l.para(
    t(
      `本机关对你单位${SUBJECT.zh}一案进行了调查。根据${apl(l, input, 'notice')}的规定，现将本机关拟作出的行政处罚的内容及事实、理由、依据，` +
        '以及你单位依法享有的权利告知如下：',
      `The authority has investigated your ${SUBJECT.en.toLowerCase()}. Under ${apl(l, input, 'notice')}, it notifies ` +
        'you of the penalty it proposes, its facts, reasons and basis, and of your rights:',
    ),
  );
  l.heading(headingText(l, 1, L('违法事实', 'Facts')));
  factsBlock(l, input);
  if (input.evidence.length > 0) {
    l.heading(headingText(l, 2, L('证据', 'Evidence')));
    l.para(t('上述事实有下列证据证明：', 'These facts are shown by the following evidence:'), { after: 2 });
    l.numbered(evidenceItems(l, input), { size: 9 });
  }
  l.heading(headingText(l, 3, L('理由和依据', 'Reasons and legal basis')));
  l.numbered(basisItems(l, input));
  if (p.reasonZh) l.para(`${t('裁量理由', 'Reasons for the amount')}${l.colon}${p.reasonZh}`);
  l.heading(headingText(l, 4, L('拟作出的行政处罚', 'Proposed penalty')), 80);
  const range = statutoryRange(l, p);
  l.amountBox(
    t('拟处罚款', 'Proposed fine'),
    money(l, p.amountMinor),
    l.lang === 'zh' ? `（大写）${capitals(p.amountMinor)}` : null,
    range,
  );
  l.heading(headingText(l, 5, L('你单位依法享有的权利', 'Your rights')), 90);
  const statement = r.statementDue!;
  l.para(
    t(
      `（一）陈述、申辩。根据${apl2021(l, '第四十四条、第四十五条', '44 and 45')}的规定，你单位有权进行陈述和申辩。` +
        `如需陈述、申辩，请于${l.date(statement)}（含当日）前向本机关提出书面意见，或者到本机关进行口头陈述；逾期未提出的，视为放弃此项权利。` +
        `本机关不因你单位陈述、申辩而给予更重的处罚（${apl(l, input, 'defenceNoHeavier')}）。`,
      `(1) Statement and defence. Under ${apl2021(l, '', '44 and 45')} you may state your case and defend yourself. ` +
        `Submit written observations, or come to the authority to state them orally, by ${l.date(statement)} ` +
        `(inclusive); after that day the right is deemed waived. The penalty will not be made heavier because ` +
        `you state or defend your case (${apl(l, input, 'defenceNoHeavier')}).`,
    ),
  );
  l.para(
    t(`陈述、申辩的最后一日：${l.date(statement)}`, `Last day to state and defend: ${l.date(statement)}`),
    {
      bold: true,
      indent: 24,
    },
  );
  if (r.hearingDue) {
    l.para(
      t(
        `（二）要求听证。本案拟作出的行政处罚属于${apl2021(l, '第六十三条', '63')}规定的听证范围，你单位有权要求举行听证。` +
          `如要求听证，请于${l.date(r.hearingDue)}（含当日）前向本机关提出（${apl2021(l, '第六十四条第（一）项', '64(1)')}）；` +
          '逾期未提出的，视为放弃听证权利。',
        `(2) Hearing. The proposed penalty is one for which ${apl2021(l, '', '63')} gives you the right to a hearing. ` +
          `To request one, tell the authority by ${l.date(r.hearingDue)} (inclusive) (${apl2021(l, '', '64(1)')}); ` +
          'after that day the right is deemed waived.',
      ),
    );
    l.para(
      t(
        `要求听证的最后一日：${l.date(r.hearingDue)}`,
        `Last day to request a hearing: ${l.date(r.hearingDue)}`,
      ),
      {
        bold: true,
        indent: 24,
      },
    );
  }
  finish(l, input, contactTail(l, input), true);
}

function hearingNotice(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  const h = input.hearing!;
  const art64 = (item: string) =>
    apl2021(l, `第六十四条第（${item}）项`, `64(${'一二三四五六七八'.indexOf(item) + 1})`);
  partyBlock(l, input);
  l.para(`${input.firm.name}${l.colon}`, { bold: true });
  l.para(
    t(
      `根据${apl(l, input, 'hearing')}的规定，本机关定于下列时间、地点就你单位${SUBJECT.zh}一案举行听证。现将有关事项通知如下：`,
      `Under ${apl(l, input, 'hearing')}, the authority will hold a hearing in the case of your ` +
        `${SUBJECT.en.toLowerCase()} at the time and place below.`,
    ),
  );
  l.form([
    {
      label: t('听证时间', 'Date and time'),
      value: `${l.date(h.date)}${h.time ? ` ${h.time}` : ''}`,
    },
    { label: t('听证地点', 'Place'), value: h.place },
    {
      label: t('听证主持人', 'Presiding officer'),
      value: h.hostName
        ? h.hostName
        : t(
            '由本机关指定的非本案调查人员主持',
            'An official of the authority not involved in the investigation',
          ),
    },
    { label: t('本案调查人员', 'Investigating officers'), value: handlerLines(l, input).join('\n') || '—' },
    {
      label: t('听证方式', 'Form'),
      value: t(
        `公开举行；涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外（${art64('三')}）`,
        `Public, except where state secrets, trade secrets or personal privacy must be protected (${art64('三')})`,
      ),
    },
  ]);
  l.heading(t('你单位在听证中的权利和义务', 'Your rights and duties at the hearing'));
  l.numbered([
    t(
      `听证由本机关指定的非本案调查人员主持；你单位认为主持人与本案有直接利害关系的，有权申请回避（${art64('四')}）。`,
      `The hearing is presided over by an official not involved in the investigation; you may ask for the ` +
        `presiding officer to withdraw if you consider them directly interested in the case (${art64('四')}).`,
    ),
    t(
      `你单位可以亲自参加听证，也可以委托一至二人代理（${art64('五')}）。`,
      `You may attend in person or be represented by one or two agents (${art64('五')}).`,
    ),
    t(
      `举行听证时，调查人员提出你单位违法的事实、证据和行政处罚建议，你单位可以进行申辩和质证（${art64('七')}）。`,
      `At the hearing the investigating officers present the facts, evidence and proposed penalty; you may ` +
        `defend yourself and challenge the evidence (${art64('七')}).`,
    ),
    t(
      `听证应当制作笔录；笔录应当交你单位或者代理人核对无误后签字或者盖章（${art64('八')}）。`,
      `A record of the hearing is made; you or your agent check it and sign or seal it (${art64('八')}).`,
    ),
    t(
      `你单位及代理人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证（${art64('六')}）。`,
      `If you or your agent fail to attend without good reason, or leave without permission, the right to a ` +
        `hearing is deemed waived and the hearing ends (${art64('六')}).`,
    ),
  ]);
  const days = daysBetween(input.issuedOn, h.date);
  finish(
    l,
    input,
    [
      {
        text: t(
          '请于听证前将参加听证人员的身份证明、授权委托书（委托代理人的）及拟提交的证据材料提交本机关，并准时出席。',
          'Before the hearing, send the authority the identity documents of those attending, any powers of attorney ' +
            'and the evidence you intend to submit, and attend on time.',
        ),
      },
      {
        text: t(
          `本通知书于${l.date(input.issuedOn)}发出，距举行听证之日 ${days} 日（${art64('二')}：行政机关应当在举行听证的七日前通知当事人听证的时间、地点）。`,
          `This notice is issued on ${l.date(input.issuedOn)}, ${days} days before the hearing (${art64('二')}: the ` +
            'party is told the time and place at least seven days before the hearing).',
        ),
        muted: true,
      },
    ],
    true,
  );
}

function procedureHistory(l: ProcedureLayout, input: Input): void {
  if (input.timeline.length === 0) return;
  l.para(tr(l)('本案办理经过：', 'Procedure so far:'), { after: 2 });
  l.numbered(
    input.timeline.map((s) => `${l.date(s.date)}${l.lang === 'zh' ? '\u3000' : '  '}${s.actionZh}`),
    { size: 9 },
  );
}

function decision(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  const p = input.penalty!;
  partyBlock(l, input);
  l.para(
    t(
      `本机关依法对当事人${SUBJECT.zh}一案进行了调查，现已调查终结。经本机关负责人审查，决定给予行政处罚，` +
        `依照${apl2021(l, '第五十七条、第五十九条', '57 and 59')}的规定作出本决定。`,
      `The authority has investigated the party's ${SUBJECT.en.toLowerCase()} and concluded the investigation. ` +
        `The head of the authority has reviewed the case and decided on a penalty; this decision is made under ` +
        `${apl2021(l, '', '57 and 59')}.`,
    ),
  );
  procedureHistory(l, input);
  l.heading(headingText(l, 1, L('违法事实和证据', 'Facts and evidence')));
  factsBlock(l, input);
  if (input.evidence.length > 0) {
    l.para(t('上述事实有下列证据证明：', 'These facts are shown by the following evidence:'), { after: 2 });
    l.numbered(evidenceItems(l, input), { size: 9 });
  }
  l.heading(headingText(l, 2, L('行政处罚的种类和依据', 'Penalty and its legal basis')));
  l.numbered(basisItems(l, input));
  if (p.reasonZh) l.para(`${t('裁量理由', 'Reasons for the amount')}${l.colon}${p.reasonZh}`);
  l.para(
    t(
      '依据上述规定，本机关决定对当事人作出如下行政处罚：',
      'On this basis the authority imposes the following penalty:',
    ),
  );
  l.amountBox(
    t('罚款', 'Fine'),
    money(l, p.amountMinor),
    l.lang === 'zh' ? `（大写）${capitals(p.amountMinor)}` : null,
    null,
  );
  l.heading(headingText(l, 3, L('履行方式和期限', 'How and when to pay')), 90);
  l.form([
    {
      label: t('缴纳期限', 'Time limit'),
      value: t(
        `自收到本决定书之日起15日内（${apl(l, input, 'payment')}）`,
        `Within 15 days of receiving this decision (${apl(l, input, 'payment')})`,
      ),
    },
    {
      label: t('缴纳方式', 'How'),
      value: input.payment
        ? l.lang === 'zh'
          ? input.payment.instructionsZh
          : (input.payment.instructionsEn ?? input.payment.instructionsZh)
        : t(
            '到指定的银行或者通过电子支付系统缴纳罚款',
            'At the designated bank or through the electronic payment system',
          ),
    },
    {
      label: t('逾期不缴纳', 'Late payment'),
      value: t(
        `每日按罚款数额的3%加处罚款，加处罚款的数额不超出罚款的数额（即最多${money(l, p.amountMinor)}）` +
          `（${apl2021(l, '第七十二条第一款第（一）项', '72(1)(1)')}）`,
        `A surcharge of 3% of the fine per day, in total not more than the fine itself (at most ` +
          `${money(l, p.amountMinor)}) (${apl2021(l, '', '72(1)(1)')})`,
      ),
    },
  ]);
  l.heading(
    headingText(l, 4, L('申请行政复议或者提起行政诉讼的途径和期限', 'Routes of appeal and time limits')),
    90,
  );
  appealTable(l, input, L('本行政处罚决定', 'this penalty decision'));
  finish(
    l,
    input,
    [
      {
        text: t(
          `行政复议或者行政诉讼期间，本行政处罚决定不停止执行，法律另有规定的除外（${apl(l, input, 'noSuspension')}）。`,
          `The penalty is not suspended during reconsideration or litigation unless the law provides otherwise ` +
            `(${apl(l, input, 'noSuspension')}).`,
        ),
      },
    ],
    false,
  );
}

function noPenaltyDecision(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  partyBlock(l, input);
  l.para(
    t(
      `本机关依法对当事人${SUBJECT.zh}一案进行了调查，现已调查终结。`,
      `The authority has investigated the party's ${SUBJECT.en.toLowerCase()} and concluded the investigation.`,
    ),
  );
  procedureHistory(l, input);
  let n = 1;
  if (input.facts) {
    l.heading(headingText(l, n++, L('查明的事实和证据', 'Facts and evidence')));
    factsBlock(l, input);
    if (input.evidence.length > 0) l.numbered(evidenceItems(l, input), { size: 9 });
  }
  l.heading(
    headingText(l, n++, L('不予行政处罚的理由和依据', 'Reasons and legal basis for imposing no penalty')),
  );
  l.para(input.reason!);
  if (input.legalBasis.length > 0) l.numbered(basisItems(l, input));
  l.para(
    t(
      '综上，本机关决定对当事人不予行政处罚。',
      'For these reasons, the authority decides not to impose an administrative penalty on the party.',
    ),
    { bold: true },
  );
  l.heading(
    headingText(l, n, L('申请行政复议或者提起行政诉讼的途径和期限', 'Routes of appeal and time limits')),
    90,
  );
  appealTable(l, input, L('本决定', 'this decision'));
  finish(l, input, [], false);
}

function serviceReceipt(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  const s = input.service!;
  const served = input.servedDocument;
  formDate(l, input);
  l.form([
    {
      label: t('送达文书名称及文号', 'Document served'),
      value: served
        ? `${l.lang === 'zh' ? served.titleZh : (served.titleEn ?? served.titleZh)}\n${t('文号', 'No.')} ${served.documentNumber}`
        : BLANK,
      minHeight: 40,
    },
    { label: t('案号', 'Case No.'), value: caseNumbers(l, input) },
    {
      label: t('受送达人', 'Served on'),
      value: `${input.firm.name}\n${t('统一社会信用代码', 'Unified social credit code')} ${input.firm.creditCode}`,
    },
    { label: t('送达地点', 'Place'), value: input.firm.address ?? BLANK },
    { label: t('送达方式', 'Method'), value: s.method },
    { label: t('送达日期', 'Date served'), value: l.date(s.servedOn) },
    { label: t('收件人', 'Received by'), value: s.recipient },
    { label: t('送达人', 'Served by'), value: handlerLines(l, input).join('\n') || BLANK },
    { label: t('备注', 'Remarks'), value: input.note ?? '', minHeight: 40 },
  ]);
  l.signatures([
    {
      label: t('受送达人（收件人）签名或盖章', 'Signature or seal of the recipient'),
      lines: [s.recipient],
      height: 90,
    },
    handlersBox(l, input, L('送达人签名', 'Signatures of the serving officers')),
    { label: t('代收人签名（代收时）', 'Signature of a person receiving on behalf'), lines: [], height: 78 },
    {
      label: t('见证人签名（留置送达时）', 'Signature of a witness (service by leaving)'),
      lines: [],
      height: 78,
    },
  ]);
  const service = aplArticle('service', input.issuedOn)!;
  l.note(`${l.s(service.label)}${l.colon}${l.s(service.text)}`);
}

function closingReport(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  const outcome = input.penalty
    ? t(`罚款${money(l, input.penalty.amountMinor)}`, `Fine of ${money(l, input.penalty.amountMinor)}`)
    : (input.reason ?? '—');
  formDate(l, input);
  l.form([
    ...partyRows(l, input),
    { label: t('处理结果', 'Outcome'), value: outcome },
    ...(input.penalty && input.reason ? [{ label: t('说明', 'Remarks'), value: input.reason }] : []),
    { label: t('执行情况', 'Enforcement'), value: input.note ?? '—' },
  ]);
  l.heading(t('办案经过', 'Steps taken'), 60);
  const w = l.w.width;
  l.table(
    [
      { title: t('序号', 'No.'), width: 34, align: 'right' },
      { title: t('日期', 'Date'), width: 96 },
      { title: t('办理事项', 'Step'), width: w - 34 - 96 - 130 },
      { title: t('经办人', 'By'), width: 130 },
    ],
    input.timeline.map((s, i) => [String(i + 1), s.date, s.actionZh, s.actor]),
  );
  l.form([
    officersRow(
      l,
      { ...input, note: null },
      t(
        '本案各项程序已办理完毕，建议结案。',
        'Every step of this case has been completed; the officers propose to close it.',
      ),
    ),
    approverRow(l, input, [L('同意结案', 'Approved'), L('不同意结案', 'Not approved')]),
  ]);
}

function withdrawal(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  formDate(l, input);
  l.form([
    ...partyRows(l, input),
    { label: t('撤销立案的理由', 'Reasons for withdrawal'), value: input.reason!, minHeight: 48 },
    ...(input.legalBasis.length > 0
      ? [
          {
            label: t('依据', 'Basis'),
            value: basisItems(l, input)
              .map((b, i) => `${i + 1}. ${b}`)
              .join('\n'),
          },
        ]
      : []),
    officersRow(l, input, t('建议撤销立案。', 'The officers propose to withdraw the filing.')),
    approverRow(l, input, [L('同意撤销立案', 'Approved'), L('不同意撤销立案', 'Not approved')]),
  ]);
}

function transfer(l: ProcedureLayout, input: Input): void {
  const t = tr(l);
  const to = input.transferTo;
  // The reason is one clause of the letter's sentence: its own closing punctuation goes.
  const reasonText = input.reason!.replace(/[。．.；;，,\s]+$/u, '');
  const addressee = to ? (l.lang === 'zh' ? to.nameZh : (to.nameEn ?? to.nameZh)) : BLANK;
  l.para(`${addressee}${l.colon}`, { bold: true });
  l.para(
    t(
      `本机关办理的${input.firm.name}（统一社会信用代码 ${input.firm.creditCode}）${SUBJECT.zh}一案（案号 ${caseNumbers(l, input)}），` +
        `经审查，${reasonText}。现将该案移送你单位依法处理。`,
      `In the case of ${input.firm.name} (unified social credit code ${input.firm.creditCode}), ` +
        `${SUBJECT.en.toLowerCase()} (case No. ${caseNumbers(l, input)}), the authority has found: ${reasonText}. ` +
        'It transfers the case to you to be dealt with according to law.',
    ),
  );
  let n = 1;
  if (input.legalBasis.length > 0) {
    l.heading(headingText(l, n++, L('相关法律规定', 'Relevant provisions')));
    l.numbered(basisItems(l, input));
  }
  if (input.facts) {
    l.heading(headingText(l, n++, L('案件基本情况', 'The case')));
    factsBlock(l, input);
  }
  l.heading(headingText(l, n, L('移送材料', 'Materials transferred')));
  if (input.evidence.length > 0) l.numbered(evidenceItems(l, input), { size: 9 });
  else l.para('—');
  finish(
    l,
    input,
    [
      {
        text: t(
          '请你单位收到本函及所附材料后在送达回证上签收，并将处理结果函告本机关。',
          'Please acknowledge receipt of this letter and the materials on the proof of service, and inform the ' +
            'authority of the outcome.',
        ),
      },
      ...contactTail(l, input),
    ],
    false,
  );
}
