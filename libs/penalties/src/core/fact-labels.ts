import type { BilingualText } from '@app/common';

/** Plain-language names of the facts a rulebook may have to assume. */
export const FACT_LABELS: Record<string, BilingualText> = {
  affectedPersons: { zh: '受影响人数', en: 'the number of affected persons' },
  captureEvents: { zh: '违法采集次数', en: 'the number of unlawful captures' },
  minorsAffected: { zh: '是否涉及未成年人', en: 'whether minors were affected' },
  illegalGains: { zh: '违法所得', en: 'the illegal gains' },
  seriousness: { zh: '情节严重程度', en: 'the seriousness of the case' },
  discoveryDate: { zh: '违法行为被发现的日期', en: 'the date the act was discovered' },
  'conduct.continuing': { zh: '违法行为是否仍在继续', en: 'whether the conduct is still continuing' },
  'circumstances.firstViolation': { zh: '是否初次违法', en: 'whether this is a first violation' },
  'circumstances.correctedPromptly': { zh: '是否及时改正', en: 'whether the party corrected promptly' },
  'circumstances.cooperated': { zh: '是否配合调查', en: 'whether the party cooperated' },
  'circumstances.refusedCorrection': { zh: '是否拒不改正', en: 'whether the party refused to correct' },
  'circumstances.intentional': { zh: '是否故意', en: 'whether the conduct was intentional' },
  'circumstances.priorViolations': { zh: '曾受处罚次数', en: 'the number of prior violations' },
  'circumstances.selfReported': { zh: '是否主动供述', en: 'whether the party confessed on its own' },
  'circumstances.obstructed': { zh: '是否阻碍调查', en: 'whether the party obstructed the investigation' },
  'firm.annualTurnover': { zh: '上一年度营业额', en: 'last year\u2019s turnover' },
};

/** A plain label for a field path, falling back to the path itself for fields without one. */
export function factLabel(field: string): BilingualText {
  return FACT_LABELS[field] ?? { zh: field, en: field };
}

/** Labels of the EU and US rulebooks' tiers (the Chinese ones are in the CN layer). */
export const OTHER_TIER_LABELS: Record<string, BilingualText> = {
  low: { zh: '低严重程度', en: 'low seriousness' },
  medium: { zh: '中等严重程度', en: 'medium seriousness' },
  high: { zh: '高严重程度', en: 'high seriousness' },
  negligent: { zh: '过失', en: 'negligent' },
  'intentional-or-reckless': { zh: '故意或轻率', en: 'intentional or reckless' },
  'maximum-exposure': { zh: '最高法定责任额', en: 'maximum statutory exposure' },
};
