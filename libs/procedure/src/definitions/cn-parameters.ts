import type { ProcedureParameter } from '../core/definition.types';
import { cite, citeWith } from './cn-sources';

/**
 * The dated, cited numbers of the CN general procedure (the pattern of libs/penalties' rulebook parameters). Each
 * value is in force from the day the APL 2021 revision and the SAMR provisions amended for it took effect
 * (2021-07-15; the publicity rule from 2021-09-01). Earlier cases are not modelled: the parameters have no value
 * before, and the engine refuses rather than guesses.
 */
export const CN_PARAMETER_IDS = {
  filingWorkingDays: 'filingWorkingDays',
  filingExtensionWorkingDays: 'filingExtensionWorkingDays',
  decisionCalendarDays: 'decisionCalendarDays',
  decisionExtensionMaxDays: 'decisionExtensionMaxDays',
  statementWorkingDays: 'statementWorkingDays',
  hearingRequestWorkingDays: 'hearingRequestWorkingDays',
  hearingNoticeWorkingDays: 'hearingNoticeWorkingDays',
  serviceWorkingDays: 'serviceWorkingDays',
  paymentCalendarDays: 'paymentCalendarDays',
  publicationWorkingDays: 'publicationWorkingDays',
  limitationYears: 'limitationYears',
  limitationYearsLifeHealthFinancial: 'limitationYearsLifeHealthFinancial',
  largeAmountThreshold: 'largeAmountThreshold',
} as const;

/** The hearing threshold: fines at or above these amounts (fen) carry the right to a hearing. */
export interface LargeAmountThreshold {
  legalPersonMinor: number;
  individualMinor: number;
}

const APL_85 = cite('cn-apl-2021', '85', 'P');
const FROM = '2021-07-15';

export const CN_PARAMETERS: readonly ProcedureParameter[] = [
  {
    id: CN_PARAMETER_IDS.filingWorkingDays,
    description: {
      zh: '自发现线索或者收到材料之日起核查并决定是否立案的期限',
      en: 'Days from the clue to the decision whether to file the case',
    },
    unit: 'working-days',
    values: [{ from: FROM, until: null, value: 15, citation: cite('cn-samr-procedure', '18(1)', 'P') }],
  },
  {
    id: CN_PARAMETER_IDS.filingExtensionWorkingDays,
    description: {
      zh: '经负责人批准延长立案核查期限',
      en: 'Extension of the filing period approved by the head',
    },
    unit: 'working-days',
    values: [{ from: FROM, until: null, value: 15, citation: cite('cn-samr-procedure', '18(1)', 'P') }],
  },
  {
    id: CN_PARAMETER_IDS.decisionCalendarDays,
    description: { zh: '自立案之日起作出行政处罚决定的期限', en: 'Days from filing to the decision' },
    unit: 'calendar-days',
    values: [
      {
        from: FROM,
        until: null,
        value: 90,
        citation: cite('cn-apl-2021', '60', 'P'),
        note: 'The SAMR provisions repeat the 90 days and exclude hearing, announcement, testing and appraisal time (article number unconfirmed).',
      },
    ],
  },
  {
    id: CN_PARAMETER_IDS.decisionExtensionMaxDays,
    description: {
      zh: '经负责人批准延长办案期限（一次）',
      en: 'Extension of the decision period approved by the head (once)',
    },
    unit: 'calendar-days',
    values: [
      {
        from: FROM,
        until: null,
        value: 30,
        citation: cite('cn-samr-procedure', null, 'U'),
        note: 'Read in SAMR bureaus’ published flowcharts (further extensions only by collective discussion, not modelled).',
      },
    ],
  },
  {
    id: CN_PARAMETER_IDS.statementWorkingDays,
    description: {
      zh: '当事人自收到告知书之日起提出陈述、申辩的期限',
      en: 'Days from the penalty notice for the party’s statement and defence',
    },
    unit: 'working-days',
    values: [
      {
        from: FROM,
        until: null,
        value: 5,
        citation: cite('cn-samr-procedure', null, 'U'),
        note: 'Five working days per a SAMR-provisions flowchart (secondary); one older secondary page says three. Verify.',
      },
    ],
  },
  {
    id: CN_PARAMETER_IDS.hearingRequestWorkingDays,
    description: { zh: '当事人要求听证的期限（告知后）', en: 'Days after the notice to request a hearing' },
    unit: 'working-days',
    values: [
      {
        from: FROM,
        until: null,
        value: 5,
        citation: citeWith(cite('cn-apl-2021', '64(1)', 'P', '第六十四条第（一）项'), APL_85),
      },
    ],
  },
  {
    id: CN_PARAMETER_IDS.hearingNoticeWorkingDays,
    description: {
      zh: '举行听证前通知当事人听证时间、地点的最短期限',
      en: 'Least days between the hearing notice and the hearing',
    },
    unit: 'working-days',
    values: [
      {
        from: FROM,
        until: null,
        value: 7,
        citation: citeWith(cite('cn-apl-2021', '64(2)', 'P', '第六十四条第（二）项'), APL_85),
      },
    ],
  },
  {
    id: CN_PARAMETER_IDS.serviceWorkingDays,
    description: {
      zh: '当事人不在场时送达行政处罚决定书的期限',
      en: 'Days to serve the decision on an absent party',
    },
    unit: 'working-days',
    values: [
      { from: FROM, until: null, value: 7, citation: citeWith(cite('cn-apl-2021', '61(1)', 'P'), APL_85) },
    ],
  },
  {
    id: CN_PARAMETER_IDS.paymentCalendarDays,
    description: {
      zh: '自收到行政处罚决定书之日起缴纳罚款的期限',
      en: 'Days from receiving the decision to pay the fine',
    },
    unit: 'calendar-days',
    values: [
      {
        from: FROM,
        until: null,
        value: 15,
        citation: cite('cn-apl-2021', '67(3)', 'P'),
        note: 'Calendar days: art. 85 makes only the 2-, 3-, 5- and 7-day periods working days.',
      },
    ],
  },
  {
    id: CN_PARAMETER_IDS.publicationWorkingDays,
    description: {
      zh: '自作出行政处罚决定之日起通过国家企业信用信息公示系统公示的期限',
      en: 'Days from the decision to publish it in the National Enterprise Credit Information Publicity System',
    },
    unit: 'working-days',
    values: [
      {
        from: '2021-09-01',
        until: null,
        value: 20,
        citation: cite('cn-samr-publicity', '9', 'P'),
        note: 'Party registered in the same province; otherwise 10 + 10 working days through the other province (art. 10, not modelled).',
      },
    ],
  },
  {
    id: CN_PARAMETER_IDS.limitationYears,
    description: {
      zh: '违法行为未被发现不再给予行政处罚的期限',
      en: 'Limitation: years within which the act must be discovered',
    },
    unit: 'years',
    values: [{ from: FROM, until: null, value: 2, citation: cite('cn-apl-2021', '36(1)', 'P') }],
  },
  {
    id: CN_PARAMETER_IDS.limitationYearsLifeHealthFinancial,
    description: {
      zh: '涉及公民生命健康安全、金融安全且有危害后果的追责期限',
      en: 'Limitation where life, health or financial security was harmed',
    },
    unit: 'years',
    values: [{ from: FROM, until: null, value: 5, citation: cite('cn-apl-2021', '36(1)', 'P') }],
  },
  {
    id: CN_PARAMETER_IDS.largeAmountThreshold,
    description: {
      zh: '较大数额罚款（告知听证权利）的标准',
      en: 'A "large amount" fine (which carries the right to a hearing)',
    },
    unit: 'fen',
    values: [
      {
        from: FROM,
        until: null,
        value: { legalPersonMinor: 10_000_000, individualMinor: 1_000_000 } satisfies LargeAmountThreshold,
        citation: cite('cn-samr-hearing', null, 'U'),
        note: 'National market-regulation default: CNY 100,000 for legal persons and organisations, CNY 10,000 for natural persons, unless a local regulation or local government rule sets another figure (secondary sources). No regional figure (e.g. Zhejiang) could be confirmed, so none is encoded.',
      },
    ],
  },
];
