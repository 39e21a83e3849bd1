import { MoneyDecimal, type BilingualText } from '@app/common';
import type { AssumedFact, RulebookResult } from '../../core/assessment';
import { show } from '../../core/rounding';
import { biNode, type TraceNode } from '../../core/trace';
import { aplCite } from './apl-articles';
import type { Placement } from './discretion';
import { CN_TIER_LABELS } from './labels';
import type { LimitationResult } from './limitation';

/** What every Chinese rulebook hands to `cnResult` after its own legal analysis. */
export interface CnFinding {
  /** Prefix of the root trace node id (`crpl` gives `crpl.fine`). */
  id: string;
  /** The rulebook's id, recorded as the one that decided. */
  rulebook: string;
  /** The date whose law is applied (APL art. 37). */
  lawDate: string;
  title: BilingualText;
  /** Bilingual description and citation of the root node. */
  root: { description: BilingualText; citation: BilingualText };
  children: TraceNode[];
  limitation: { result: LimitationResult; node: TraceNode; notes: BilingualText[] };
  noPenalty: { applies: boolean; node: TraceNode } | null;
  range: { min: MoneyDecimal; max: MoneyDecimal; node: TraceNode };
  placement: (() => Placement) | null;
  assumed: AssumedFact[];
  notes: BilingualText[];
  measures: BilingualText[];
  /** Measures added when the fine lands in the heavier tier. */
  heavierMeasures?: BilingualText[];
}

const ZERO = new MoneyDecimal(0);

/**
 * The common end of every Chinese rulebook: time-barred, no penalty (APL art. 33), a range without a fine, or
 * a fine placed by the discretion model — each with its bilingual root node.
 */
export function cnResult(f: CnFinding): RulebookResult {
  const base = {
    currency: 'CNY',
    decidedBy: { id: f.rulebook, title: f.title },
    limitation: f.limitation.result,
  };
  const notes = [...f.limitation.notes, ...f.notes];
  const root = (value: string, children: TraceNode[], extra?: BilingualText) =>
    biNode(
      `${f.id}.fine`,
      extra
        ? { en: `${f.root.description.en}: ${extra.en}`, zh: `${f.root.description.zh}：${extra.zh}` }
        : f.root.description,
      f.root.citation,
      value,
      children,
    );
  if (f.limitation.result.barred) {
    return {
      ...base,
      amount: ZERO,
      min: ZERO,
      max: ZERO,
      tier: 'time-barred',
      outcome: 'time-barred',
      tierLabel: CN_TIER_LABELS['time-barred'],
      trace: root('0', [...f.children, f.limitation.node], {
        en: 'no penalty, the limitation period has expired',
        zh: '超过追责时效，不再给予行政处罚',
      }),
      assumed: f.assumed,
      notes,
      measures: [],
    };
  }
  const correction = aplCite('correction', f.lawDate);
  if (f.noPenalty?.applies) {
    return {
      ...base,
      amount: ZERO,
      min: ZERO,
      max: ZERO,
      tier: 'no-penalty',
      outcome: 'no-penalty',
      tierLabel: CN_TIER_LABELS['no-penalty'],
      trace: root('0', [...f.children, f.limitation.node, f.noPenalty.node], {
        en: 'no penalty proposed',
        zh: '建议不予行政处罚',
      }),
      assumed: f.assumed,
      notes,
      // No penalty is imposed, but the unlawful act must still be corrected (APL 2021 art. 28 / 1996 art. 23).
      measures: [
        {
          en: `order to correct the act (${correction.en})`,
          zh: `责令改正违法行为（${correction.zh}）`,
        },
      ],
    };
  }
  const children = [
    ...f.children,
    f.limitation.node,
    ...(f.noPenalty ? [f.noPenalty.node] : []),
    f.range.node,
  ];
  if (f.placement === null) {
    return {
      ...base,
      amount: ZERO,
      min: ZERO,
      max: ZERO,
      tier: 'no-fine',
      outcome: 'fine',
      tierLabel: { zh: '不处罚款（仅责令改正、警告等）', en: 'no fine (order to correct, warning)' },
      trace: root('0', children, {
        en: 'no fine is available for these facts',
        zh: '依据查明的事实不得处以罚款',
      }),
      assumed: f.assumed,
      notes,
      measures: f.measures,
    };
  }
  const p = f.placement();
  return {
    ...base,
    amount: p.amount,
    min: p.min,
    max: p.max,
    tier: p.tier,
    outcome: 'fine',
    tierLabel: CN_TIER_LABELS[p.tier],
    trace: root(show(p.amount), [...children, p.node]),
    assumed: [...f.assumed, ...p.assumed],
    notes,
    measures: [...f.measures, ...(p.tier === 'heavier' ? (f.heavierMeasures ?? []) : [])],
  };
}
