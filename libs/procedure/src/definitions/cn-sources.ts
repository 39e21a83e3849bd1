import type { Citation, Confidence, SourceInstrument } from '../core/definition.types';
import { HOLIDAY_NOTICES } from '../calendar/holiday-notices';
import { HOLIDAY_MEASURES_2024 } from '../calendar/statutory-holidays';

/**
 * The instruments the CN general procedure cites, with their original publications (never a mirror's address).
 * Confidence per legal-facts.md: P = read in the text (or a faithful copy), S = secondary sources, U = unconfirmed.
 */
export const CN_PROCEDURE_SOURCES: readonly SourceInstrument[] = [
  {
    id: 'cn-apl-2021',
    title: { zh: '中华人民共和国行政处罚法（2021年修订）', en: 'Administrative Penalty Law (2021 revision)' },
    docNumber: '中华人民共和国主席令第七十号',
    inForceFrom: '2021-07-15',
    inForceUntil: null,
    publication: '中华人民共和国主席令第七十号，2021-01-22',
    confidence: 'P',
  },
  {
    id: 'cn-samr-procedure',
    title: {
      zh: '市场监督管理行政处罚程序规定',
      en: 'Provisions on Administrative Penalty Procedures in Market Regulation',
    },
    docNumber: '国家市场监督管理总局令第2号；第42号、第61号修改',
    inForceFrom: '2019-04-01',
    inForceUntil: null,
    publication:
      '国家市场监督管理总局令第2号，2018-12-21（《市场监督管理行政处罚程序暂行规定》）；2021-07-02 修改并更名，自2021-07-15施行；2022 年再次修改',
    // The 2021 amending decision and its in-force date were read; the order numbers of the amendments (42, 61) and
    // the 2022 date are from secondary listings.
    confidence: 'S',
  },
  {
    id: 'cn-samr-hearing',
    title: {
      zh: '市场监督管理行政处罚听证办法',
      en: 'Measures on Hearings in Administrative Penalties of Market Regulation',
    },
    docNumber: '国家市场监督管理总局令第3号；第42号修改',
    inForceFrom: '2019-04-01',
    inForceUntil: null,
    publication:
      '国家市场监督管理总局令第3号，2018-12-21（《市场监督管理行政处罚听证暂行办法》）；2021-07-02 修改并更名',
    confidence: 'S',
  },
  {
    id: 'cn-samr-publicity',
    title: {
      zh: '市场监督管理行政处罚信息公示规定',
      en: 'Provisions on the Publicity of Administrative Penalty Information in Market Regulation',
    },
    docNumber: '国家市场监督管理总局令第45号',
    inForceFrom: '2021-09-01',
    inForceUntil: null,
    publication: '国家市场监督管理总局令第45号，2021-07-30',
    confidence: 'P',
  },
  {
    // The provisional calendar after the last pinned notice rests on art. 2 of these measures (the statutory days).
    // The amended art. 2 was read in a reprint of the consolidated text (dated 2024-11-10, listing the fourth
    // revision); the decree number and in-force date are from secondary listings.
    id: 'cn-holiday-measures-2024',
    title: {
      zh: HOLIDAY_MEASURES_2024.title,
      en: 'Measures on National Annual Festivals and Commemoration Days (2024 revision)',
    },
    docNumber: HOLIDAY_MEASURES_2024.docNumber,
    inForceFrom: HOLIDAY_MEASURES_2024.inForceFrom,
    inForceUntil: null,
    publication: `${HOLIDAY_MEASURES_2024.amendedBy}（${HOLIDAY_MEASURES_2024.docNumber}，${HOLIDAY_MEASURES_2024.issued}）`,
    confidence: 'S',
  },
  ...HOLIDAY_NOTICES.map(
    (n): SourceInstrument => ({
      id: `cn-holidays-${n.year}`,
      title: {
        zh: n.title,
        en: `General Office of the State Council, notice on the ${n.year} public holidays`,
      },
      docNumber: [n.docNumber, ...n.amendedBy.map((a) => a.docNumber)].join('；'),
      inForceFrom: `${n.year}-01-01`,
      inForceUntil: `${n.year}-12-31`,
      publication: [
        `${n.docNumber}，${n.issued}`,
        ...n.amendedBy.map((a) => `${a.title}（${a.docNumber}，${a.issued}）`),
      ].join('；'),
      confidence: n.confidence,
    }),
  ),
];

const ZH_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 64 → 六十四 (articles 1–199, enough for these instruments). */
function zhNumber(n: number): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let s = hundreds ? `${ZH_NUM[hundreds]}百` : '';
  if (tens) s += `${hundreds || tens > 1 ? ZH_NUM[tens] : ''}十`;
  else if (hundreds && ones) s += '零';
  return s + ZH_NUM[ones];
}

/** '64(1)' → 第六十四条第一款 ('(n)' after the article is a paragraph; a third level is an item). */
function zhArticle(article: string): string {
  const m = /^(\d+)(?:\((\d+)\))?(?:\((\d+)\))?$/.exec(article);
  if (!m) return `第${article}条`;
  let s = `第${zhNumber(Number(m[1]))}条`;
  if (m[2]) s += `第${zhNumber(Number(m[2]))}款`;
  if (m[3]) s += `第（${zhNumber(Number(m[3]))}）项`;
  return s;
}

const SHORT: Record<string, { zh: string; en: string }> = {
  'cn-apl-2021': { zh: '《行政处罚法》', en: 'APL (2021)' },
  'cn-samr-procedure': { zh: '《市场监督管理行政处罚程序规定》', en: 'SAMR Penalty Procedure Provisions' },
  'cn-samr-hearing': { zh: '《市场监督管理行政处罚听证办法》', en: 'SAMR Hearing Measures' },
  'cn-samr-publicity': {
    zh: '《市场监督管理行政处罚信息公示规定》',
    en: 'SAMR Penalty Publicity Provisions',
  },
};

/**
 * A citation of an article. `article: null` cites the instrument where the article number is not confirmed: the
 * label then says so (印 "条文序号待核实" / "article number unconfirmed") and the confidence is U.
 */
export function cite(
  instrument: keyof typeof SHORT,
  article: string | null,
  confidence: Confidence,
  /** The Chinese article reference where '(n)' is an item (项), not a paragraph (款): 第六十四条第（一）项. */
  zhArticleRef?: string,
): Citation {
  const short = SHORT[instrument];
  if (article === null) {
    return {
      instrument,
      article: '?',
      label: { zh: `${short.zh}（条文序号待核实）`, en: `${short.en} (article number unconfirmed)` },
      confidence: 'U',
    };
  }
  return {
    instrument,
    article,
    label: { zh: `${short.zh}${zhArticleRef ?? zhArticle(article)}`, en: `${short.en} art. ${article}` },
    confidence,
  };
}

/** Two articles read together (APL 64(1) with the working-day rule of art. 85). */
export function citeWith(a: Citation, b: Citation): Citation {
  const order: Record<Confidence, number> = { P: 0, S: 1, U: 2 };
  return {
    instrument: a.instrument,
    article: `${a.article} + ${b.article}`,
    label: {
      zh: `${a.label.zh}、${b.label.zh.replace(/^《[^》]+》/, '')}`,
      en: `${a.label.en} with art. ${b.article}`,
    },
    confidence: order[a.confidence] >= order[b.confidence] ? a.confidence : b.confidence,
  };
}
