import type { ProcedureDocumentKind } from '@app/procedure';
import type { ProcedureDocumentInput } from './procedure-document.types';

/** Document numbers of the fictional case, per kind (文号 as an authority of 甬江市 would number them). */
const NUMBERS: Record<ProcedureDocumentKind, string> = {
  'filing-approval': '甬市监立审〔2026〕37号',
  'penalty-notice': '甬市监罚告〔2026〕112号',
  'hearing-notice': '甬市监听通〔2026〕9号',
  decision: '甬市监罚决〔2026〕118号',
  'no-penalty-decision': '甬市监不罚〔2026〕4号',
  'service-receipt': '甬市监送〔2026〕231号',
  'closing-report': '甬市监结〔2027〕6号',
  withdrawal: '甬市监撤立〔2026〕2号',
  transfer: '甬市监移〔2026〕3号',
};

/** The date each kind is issued in the fictional case (Beijing dates). */
const ISSUED: Record<ProcedureDocumentKind, string> = {
  'filing-approval': '2026-10-12',
  'penalty-notice': '2026-11-30',
  'hearing-notice': '2026-12-08',
  decision: '2026-12-28',
  'no-penalty-decision': '2026-12-28',
  'service-receipt': '2026-12-29',
  'closing-report': '2027-01-20',
  withdrawal: '2026-10-20',
  transfer: '2026-10-20',
};

/**
 * A complete fictional case for tests and demos: a property developer in a Ningbo-like city (甬江市) whose
 * sales offices captured buyers' faces without consent, a proposed fine of CNY 250,000.00, a hearing, a
 * decision, service. Each kind gets what its step would have; `overrides` replaces top-level fields.
 */
export function sampleProcedureDocumentInput(
  kind: ProcedureDocumentKind,
  overrides: Partial<ProcedureDocumentInput> = {},
): ProcedureDocumentInput {
  const decided = kind === 'decision' || kind === 'service-receipt' || kind === 'closing-report';
  const base: ProcedureDocumentInput = {
    kind,
    languages: ['zh'],
    authority: {
      nameZh: '甬江市市场监督管理局',
      nameEn: 'Yongjiang Municipal Administration for Market Regulation',
      regionCode: '330212',
      placeholder: false,
      address: '浙江省甬江市鄞州区宁穿路1901号',
      phone: '0574-8718 0000',
    },
    caseNumber: 'YJ-2026-0412',
    docketNumber: kind === 'filing-approval' ? null : '甬市监立字〔2026〕37号',
    documentNumber: NUMBERS[kind],
    issuedOn: ISSUED[kind],
    firm: {
      name: '甬江海湾置业有限公司',
      creditCode: '91330212MA2H4K7Q38',
      address: '浙江省甬江市海曙区望京路88号海湾中心12楼',
    },
    handlers: [
      { name: '陈立群', certificateNumber: '33021200417' },
      { name: '王海燕', certificateNumber: '33021200562' },
    ],
    approver: { name: '周建国', roleZh: '局长' },
    facts: {
      summaryZh:
        '当事人在其开发的“海湾壹号”“望京府”两个楼盘售楼处安装人脸识别摄像设备，在未告知来访者并取得其单独同意的情况下，' +
        '采集来访购房者的人脸信息，用于识别客户来源渠道、分配佣金。',
      summaryEn:
        "In the sales offices of its developments 'Haiwan No. 1' and 'Wangjing Mansion' the party installed face " +
        'recognition cameras and captured the faces of prospective buyers, without telling them or obtaining their ' +
        'separate consent, to attribute customers to sales channels for commissions.',
      captures: 48_213,
      persons: 9_877,
      firstCapture: '2026-03-01T09:12:00+08:00',
      lastCapture: '2026-08-31T18:40:00+08:00',
      byReason: [
        { reasonZh: '未取得个人单独同意', reasonEn: 'No separate consent', count: 46_950 },
        { reasonZh: '未告知处理目的、方式', reasonEn: 'Purpose and means not disclosed', count: 1_263 },
      ],
    },
    evidence: [
      {
        labelZh: '售楼处人脸识别系统采集日志（海湾壹号）',
        sha256: '3f1c9a4be0d27c5a8e61b0f4d2a9c7e35b18d6f0a4c2e9b7d1f3a5c8e0b2d4f6',
        records: 31_402,
      },
      {
        labelZh: '售楼处人脸识别系统采集日志（望京府）',
        sha256: 'a7d3e1f9c5b2084e6d1a3c7f9b5e2d8a0c4f6b1e3d5a7c9f2b4d6e8a0c1e3f5b',
        records: 16_811,
      },
      {
        labelZh: '现场检查笔录',
        sha256: '0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c2e',
        records: null,
      },
    ],
    legalBasis: [
      {
        zh: '《中华人民共和国个人信息保护法》第二十六条、第二十九条：处理敏感个人信息应当取得个人的单独同意',
        en: 'Personal Information Protection Law of the PRC, arts. 26 and 29: sensitive personal information is processed only with separate consent',
      },
      {
        zh: '《中华人民共和国个人信息保护法》第六十六条第一款',
        en: 'Personal Information Protection Law of the PRC, art. 66(1)',
      },
    ],
    penalty:
      kind === 'penalty-notice' || decided
        ? {
            amountMinor: 25_000_000,
            currency: 'CNY',
            rangeMinMinor: null,
            rangeMaxMinor: 100_000_000,
            reasonZh: '当事人在调查中如实陈述并已拆除全部人脸识别设备、删除所采集的人脸信息，依法从轻处罚。',
          }
        : null,
    rights: {
      statementDue: kind === 'penalty-notice' ? '2026-12-10' : null,
      hearingDue: kind === 'penalty-notice' ? '2026-12-07' : null,
      appeal:
        kind === 'decision' || kind === 'no-penalty-decision'
          ? [
              {
                routeZh: '向甬江市人民政府申请行政复议',
                routeEn: 'Administrative reconsideration by the Yongjiang Municipal People’s Government',
                days: 60,
                articleZh: '《中华人民共和国行政复议法》第二十条',
                articleEn: 'Administrative Reconsideration Law of the PRC, art. 20',
              },
              {
                routeZh: '向甬江市海曙区人民法院提起行政诉讼',
                routeEn: 'Administrative proceedings before the Haishu District People’s Court of Yongjiang',
                days: 180,
                months: 6,
                articleZh: '《中华人民共和国行政诉讼法》第四十六条',
                articleEn: 'Administrative Litigation Law of the PRC, art. 46',
              },
            ]
          : [],
    },
    hearing:
      kind === 'hearing-notice'
        ? {
            date: '2026-12-18',
            time: '09:30',
            place: '甬江市市场监督管理局三楼听证室（甬江市鄞州区宁穿路1901号）',
            hostName: '李文涛',
          }
        : null,
    service:
      kind === 'service-receipt'
        ? { method: '直接送达', servedOn: '2026-12-29', recipient: '林晓峰（当事人委托代理人）' }
        : null,
    payment: decided
      ? {
          instructionsZh: '通过浙江省统一公共支付平台或者到甬江银行各网点缴纳，缴款码见本决定书所附缴款通知',
          instructionsEn:
            "Through Zhejiang's unified public payment platform or at any branch of Yongjiang Bank, with the payment code on the attached payment notice",
        }
      : null,
    servedDocument:
      kind === 'service-receipt'
        ? {
            titleZh: '行政处罚决定书',
            titleEn: 'Administrative Penalty Decision',
            documentNumber: NUMBERS.decision,
          }
        : null,
    transferTo:
      kind === 'transfer'
        ? { nameZh: '甬江市公安局', nameEn: 'Yongjiang Municipal Public Security Bureau' }
        : null,
    timeline:
      kind === 'closing-report'
        ? [
            { date: '2026-09-18', actionZh: '线索登记', actor: '陈立群' },
            { date: '2026-10-12', actionZh: '立案（甬市监立字〔2026〕37号）', actor: '周建国' },
            { date: '2026-11-24', actionZh: '法制审核', actor: '赵敏' },
            { date: '2026-11-30', actionZh: '送达行政处罚告知书', actor: '陈立群、王海燕' },
            { date: '2026-12-04', actionZh: '当事人要求听证', actor: '甬江海湾置业有限公司' },
            { date: '2026-12-18', actionZh: '举行听证', actor: '李文涛' },
            { date: '2026-12-28', actionZh: '作出行政处罚决定', actor: '周建国' },
            { date: '2026-12-29', actionZh: '送达行政处罚决定书', actor: '陈立群、王海燕' },
            {
              date: '2027-01-11',
              actionZh: '当事人缴纳罚款人民币250,000.00元',
              actor: '甬江海湾置业有限公司',
            },
          ]
        : [],
    reason:
      kind === 'no-penalty-decision'
        ? '当事人违法行为轻微并及时改正，没有造成危害后果，依照《中华人民共和国行政处罚法》第三十三条第一款的规定，不予行政处罚。'
        : kind === 'withdrawal'
          ? '经核查，涉案设备由商场经营单位安装和管理，当事人不是个人信息处理者，违法主体认定错误。'
          : kind === 'transfer'
            ? '当事人涉嫌非法获取公民个人信息，情节严重，涉嫌犯罪，依照《中华人民共和国行政处罚法》第二十七条第一款的规定应当移送司法机关'
            : null,
    note: kind === 'closing-report' ? '罚款已于2027年1月11日全额缴纳，人脸识别设备已拆除。' : null,
  };
  // A withdrawal cites no provision the party breached: the filing is withdrawn because it was wrong.
  if (kind === 'withdrawal') base.legalBasis = [];
  return { ...base, ...overrides };
}
