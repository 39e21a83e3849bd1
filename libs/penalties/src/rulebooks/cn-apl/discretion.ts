import { MoneyDecimal, type BilingualText } from '@app/common';
import { DateTime } from 'luxon';
import type { AssumedFact } from '../../core/assessment';
import type { PenaltyFacts } from '../../core/facts';
import { parameterNode, type ResolvedParameter } from '../../core/parameters';
import { show } from '../../core/rounding';
import { biNode, type TraceNode } from '../../core/trace';
import { aplCite } from './apl-articles';
import { CN_TIER_LABELS, n, type CnTier } from './labels';
import { CN_APL_PARAMETERS } from './parameters';

/** A statutory fine range. */
export interface StatutoryRange {
  min: MoneyDecimal;
  max: MoneyDecimal;
  /** False for "fine of up to X": mitigation cannot go below a minimum that does not exist. */
  hasFloor: boolean;
}

/** Circumstances a rulebook used as the condition of its fine, so the position must not count them again. */
export type ConsumedCircumstance = 'refusedCorrection';

export interface Placement {
  tier: CnTier;
  /** Position in the range actually used, 0 = its minimum, 1 = its maximum. */
  position: MoneyDecimal;
  amount: MoneyDecimal;
  /** The range the amount lies in: the statutory one, or from 0 when mitigation goes below its minimum. */
  min: MoneyDecimal;
  max: MoneyDecimal;
  node: TraceNode;
  assumed: AssumedFact[];
}

const D = (v: string | number) => new MoneyDecimal(v);
/** Factors are rounded to 6 decimals before they touch money (rounding half-up keeps them monotone). */
const score = (d: MoneyDecimal) => d.toDecimalPlaces(6, MoneyDecimal.ROUND_HALF_UP);
const clamp01 = (d: MoneyDecimal) => MoneyDecimal.min(D(1), MoneyDecimal.max(D(0), d));
const P = (name: string, date: string) => CN_APL_PARAMETERS.at(name, date);
const CAL = {
  en: 'bioaudit discretion model, calibrated on the public Chinese decisions (see the rulebook documentation)',
  zh: '本系统裁量模型（依据已公开的中国处罚决定校准，详见规则说明）',
};

/** Days of conduct, both ends counted (a conduct of one day lasts 1 day). */
export function conductDays(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.max(1, Math.round(b.diff(a, 'days').days) + 1);
}

/** A bounded log scale: 0 at zero, 1 at `full` and beyond, increasing and concave in between. */
function logScale(x: number, anchor: ResolvedParameter, full: ResolvedParameter): MoneyDecimal {
  const a = D(anchor.value);
  const top = D(1).plus(D(full.value).div(a)).log(10);
  return score(clamp01(D(1).plus(D(x).div(a)).log(10).div(top)));
}

interface Factor {
  id: string;
  text: BilingualText;
  contribution: MoneyDecimal;
  params: ResolvedParameter[];
}

/**
 * The position of a fine in its statutory range, a continuous and monotone function of the facts: a baseline
 * plus weighted bounded log scales of captures, persons and duration, plus bounded weights for minors,
 * refusal to correct, obstruction, prior violations and intent, minus cooperation; clamped to [0, 1]; then
 * capped by APL art. 32 (mandatory lighter or mitigated treatment). Unknown facts are assumed at the value
 * least unfavourable to the party that the known facts allow, and stated. The tier is a label of the result.
 */
export function placeInRange(
  facts: PenaltyFacts,
  range: StatutoryRange,
  lawDate: string,
  options: { consumed?: readonly ConsumedCircumstance[] } = {},
): Placement {
  const consumed = new Set(options.consumed ?? []);
  const c = facts.circumstances;
  const assumed: AssumedFact[] = [];
  const assume = (field: string, en: string, zh: string) =>
    assumed.push({ field, assumption: en, text: { en, zh } });

  // Counts: an unknown count takes the least value the other facts allow (each person captured at least once).
  let persons = facts.affectedPersons;
  let captures = facts.captureEvents;
  if (persons === null) {
    persons = captures === null ? 1 : Math.min(1, captures);
    assume(
      'affectedPersons',
      `assumed ${persons} (the least the other facts allow; never aggravating)`,
      `推定为${persons}人（其他事实所允许的最小值，不作为从重因素）`,
    );
  }
  if (captures === null) {
    captures = persons;
    assume(
      'captureEvents',
      `assumed equal to the affected persons, ${n(persons)} (each captured once: the least possible)`,
      `推定与受影响人数相同，为${n(persons)}次（每人采集一次，即可能的最小值）`,
    );
  }
  const days = conductDays(facts.conduct.from, facts.conduct.to);
  const flags = [
    ['minorsAffected', facts.minorsAffected],
    ['circumstances.refusedCorrection', c.refusedCorrection],
    ['circumstances.obstructed', c.obstructed],
    ['circumstances.intentional', c.intentional],
  ] as const;
  for (const [field, v] of flags) {
    if (v === null && !(field === 'circumstances.refusedCorrection' && consumed.has('refusedCorrection'))) {
      assume(field, 'assumed no (not established; never aggravating)', '推定为否（未查明，不作为从重因素）');
    }
  }
  if (c.priorViolations === null) {
    assume('circumstances.priorViolations', 'assumed 0 (none established)', '推定为0次（未查明）');
  }
  for (const field of ['cooperated', 'correctedPromptly', 'selfReported'] as const) {
    if (c[field] === null) {
      assume(
        `circumstances.${field}`,
        'assumed no (no credit without proof)',
        '推定为否（未经证实不予认定）',
      );
    }
  }

  const baseline = P('baseline', lawDate);
  const cw = P('captureWeight', lawDate);
  const pw = P('personWeight', lawDate);
  const dw = P('durationWeight', lawDate);
  const capScale = logScale(captures, P('captureAnchor', lawDate), P('captureFull', lawDate));
  const perScale = logScale(persons, P('personAnchor', lawDate), P('personFull', lawDate));
  const dayScale = logScale(days, P('durationAnchorDays', lawDate), P('durationFullDays', lawDate));
  const priorFull = P('priorFull', lawDate);
  const prior = c.priorViolations ?? 0;
  const priorScale = score(
    clamp01(
      D(1 + prior)
        .log(2)
        .div(D(1).plus(priorFull.value).log(2)),
    ),
  );
  const yes = (v: boolean | null) => v === true;
  const w = (name: string) => P(name, lawDate);
  const minors = w('minorsWeight');
  const refusal = w('refusalWeight');
  const obstruction = w('obstructionWeight');
  const priorW = w('priorWeight');
  const intent = w('intentWeight');
  const coop = w('cooperationWeight');
  const refusedCounts = yes(c.refusedCorrection) && !consumed.has('refusedCorrection');
  const factors: Factor[] = [
    {
      id: 'baseline',
      text: { en: 'Baseline of an established violation', zh: '违法行为成立的起点' },
      contribution: D(baseline.value),
      params: [baseline],
    },
    {
      id: 'captures',
      text: {
        en: `${n(captures)} unlawful captures: scale ${show(capScale)} × weight ${cw.value}`,
        zh: `违法采集${n(captures)}次：刻度${show(capScale)} × 权重${cw.value}`,
      },
      contribution: score(capScale.times(cw.value)),
      params: [P('captureAnchor', lawDate), P('captureFull', lawDate), cw],
    },
    {
      id: 'persons',
      text: {
        en: `${n(persons)} affected persons: scale ${show(perScale)} × weight ${pw.value}`,
        zh: `受影响${n(persons)}人：刻度${show(perScale)} × 权重${pw.value}`,
      },
      contribution: score(perScale.times(pw.value)),
      params: [P('personAnchor', lawDate), P('personFull', lawDate), pw],
    },
    {
      id: 'duration',
      text: {
        en: `Conduct lasting ${n(days)} days (${facts.conduct.from} to ${facts.conduct.to}): scale ${show(dayScale)} × weight ${dw.value}`,
        zh: `违法行为持续${n(days)}天（${facts.conduct.from}至${facts.conduct.to}）：刻度${show(dayScale)} × 权重${dw.value}`,
      },
      contribution: score(dayScale.times(dw.value)),
      params: [P('durationAnchorDays', lawDate), P('durationFullDays', lawDate), dw],
    },
    {
      id: 'minors',
      text: yes(facts.minorsAffected)
        ? { en: 'Minors were affected', zh: '涉及未成年人' }
        : { en: 'No minors established as affected', zh: '未查明涉及未成年人' },
      contribution: yes(facts.minorsAffected) ? D(minors.value) : D(0),
      params: [minors],
    },
    {
      id: 'refusal',
      text: consumed.has('refusedCorrection')
        ? {
            en: 'Refusal to correct already opened the fine: not counted again',
            zh: '拒不改正已作为可处罚款的前提，不重复计算',
          }
        : refusedCounts
          ? { en: 'The party refused to correct', zh: '当事人拒不改正' }
          : { en: 'No refusal to correct established', zh: '未查明拒不改正' },
      contribution: refusedCounts ? D(refusal.value) : D(0),
      params: [refusal],
    },
    {
      id: 'obstruction',
      text: yes(c.obstructed)
        ? { en: 'The party obstructed the investigation', zh: '当事人阻碍调查' }
        : { en: 'No obstruction established', zh: '未查明阻碍调查' },
      contribution: yes(c.obstructed) ? D(obstruction.value) : D(0),
      params: [obstruction],
    },
    {
      id: 'prior',
      text: {
        en: `${prior} prior violations: scale ${show(priorScale)} × weight ${priorW.value}`,
        zh: `曾受处罚${prior}次：刻度${show(priorScale)} × 权重${priorW.value}`,
      },
      contribution: score(priorScale.times(priorW.value)),
      params: [priorFull, priorW],
    },
    {
      id: 'intent',
      text: yes(c.intentional)
        ? { en: 'The conduct was intentional', zh: '故意违法' }
        : { en: 'No intent established', zh: '未查明故意' },
      contribution: yes(c.intentional) ? D(intent.value) : D(0),
      params: [intent],
    },
    {
      id: 'cooperation',
      text: yes(c.cooperated)
        ? { en: 'The party cooperated with the investigation', zh: '当事人配合调查' }
        : { en: 'No cooperation credit established', zh: '未查明配合调查' },
      contribution: yes(c.cooperated) ? D(coop.value).neg() : D(0),
      params: [coop],
    },
  ];
  const raw = clamp01(factors.reduce((s, f) => s.plus(f.contribution), D(0)));
  const factorNodes = factors.map((f) =>
    biNode(`discretion.${f.id}`, f.text, CAL, show(f.contribution), f.params.map(parameterNode)),
  );
  const rawNode = biNode(
    'discretion.raw-position',
    {
      en: 'Position from the facts: the sum of the contributions, kept between 0 and 1',
      zh: '依据事实得出的位置：各项贡献之和，限定在0至1之间',
    },
    CAL,
    show(raw),
    factorNodes,
  );

  // APL art. 32: "shall" lighten or mitigate. A cap (min) keeps the amount monotone in every fact.
  const lighterUpper = P('lighterUpper', lawDate);
  const ordinaryUpper = P('ordinaryUpper', lawDate);
  const mitigatedUpper = P('mitigatedUpper', lawDate);
  const art32 = aplCite('mandatoryLighter', lawDate);
  const corrected = yes(c.correctedPromptly);
  const confessed = yes(c.selfReported);
  const mitigated = corrected && confessed;
  let position = raw;
  let capNode: TraceNode;
  if (corrected || confessed) {
    const cap = mitigated ? mitigatedUpper : lighterUpper;
    position = MoneyDecimal.min(raw, D(cap.value));
    const why = mitigated
      ? {
          en: 'the party actively eliminated the harm and confessed on its own: mitigated, at most',
          zh: '当事人主动消除危害后果并主动供述违法行为：减轻处罚，位置不超过',
        }
      : corrected
        ? {
            en: 'the party actively eliminated or reduced the harm: lighter, at most',
            zh: '当事人主动消除或者减轻危害后果：从轻处罚，位置不超过',
          }
        : {
            en: 'the party confessed a violation the authority did not know: lighter, at most',
            zh: '当事人主动供述行政机关尚未掌握的违法行为：从轻处罚，位置不超过',
          };
    capNode = biNode(
      'discretion.mandatory-lighter',
      {
        en: `Mandatory lighter treatment — ${why.en} ${cap.value}`,
        zh: `应当从轻或者减轻处罚——${why.zh}${cap.value}`,
      },
      { en: art32.en, zh: art32.zh },
      show(position),
      [rawNode, parameterNode(cap)],
    );
  } else {
    capNode = biNode(
      'discretion.mandatory-lighter',
      {
        en: 'No circumstance requiring lighter or mitigated treatment established: the position stands',
        zh: '未查明应当从轻或者减轻处罚的情节：位置不变',
      },
      { en: art32.en, zh: art32.zh },
      show(position),
      [rawNode],
    );
  }
  const lo = mitigated && range.hasFloor ? D(0) : range.min;
  const amount = lo.plus(range.max.minus(lo).times(position));
  const tier: CnTier = mitigated
    ? 'mitigated'
    : position.lessThanOrEqualTo(lighterUpper.value)
      ? 'lighter'
      : position.lessThan(ordinaryUpper.value)
        ? 'ordinary'
        : 'heavier';
  const label = CN_TIER_LABELS[tier];
  const tierNode = biNode(
    'discretion.tier',
    {
      en: `Tier, a label of the position: up to ${lighterUpper.value} lighter, from ${ordinaryUpper.value} heavier, ordinary between; mitigated where APL art. 32 mitigates`,
      zh: `裁量档次（由位置得出的标签）：不高于${lighterUpper.value}为从轻，不低于${ordinaryUpper.value}为从重，其间为一般；依法减轻的为减轻`,
    },
    { en: lighterUpper.citation, zh: lighterUpper.citationZh ?? lighterUpper.citation },
    { en: label.en, zh: label.zh },
    [parameterNode(lighterUpper), parameterNode(ordinaryUpper)],
  );
  const prop = aplCite('proportionality', lawDate);
  const node = biNode(
    'discretion.amount',
    {
      en: `Range low + (range high − range low) × position = ${show(lo)} + ${show(range.max.minus(lo))} × ${show(position)}`,
      zh: `幅度下限 +（幅度上限 − 幅度下限）× 位置 = ${show(lo)} + ${show(range.max.minus(lo))} × ${show(position)}`,
    },
    {
      en: `${prop.en} (penalty matches the facts, nature, circumstances and harm)`,
      zh: `${prop.zh}（处罚与违法行为的事实、性质、情节以及社会危害程度相当）`,
    },
    show(amount),
    [capNode, tierNode],
  );
  return { tier, position, amount, min: lo, max: range.max, node, assumed };
}

/**
 * APL art. 33 (1996 text art. 27(2)): no penalty for a minor violation corrected in time without harmful
 * consequences ("shall"); from the 2021 revision also a first violation with slight harm corrected in time
 * ("may": proposed, with its reason). Read from the officer's facts: seriousness "low" and a prompt
 * correction are required (unknown mitigating facts never satisfy a condition; unknown aggravating facts,
 * minors or prior violations, do not block it).
 */
export function noPenaltyReason(facts: PenaltyFacts, lawDate: string): { node: TraceNode; applies: boolean } {
  const c = facts.circumstances;
  const exemption = CN_APL_PARAMETERS.at('firstViolationExemption', lawDate);
  const cite = aplCite('noPenalty', lawDate);
  // Unknown aggravating facts do not block it (never aggravating); unknown mitigating ones never satisfy it.
  const minorHarmless =
    facts.seriousness === 'low' &&
    c.correctedPromptly === true &&
    facts.minorsAffected !== true &&
    (c.priorViolations ?? 0) === 0;
  const firstViolation =
    exemption.value === 'true' &&
    facts.seriousness === 'low' &&
    c.correctedPromptly === true &&
    c.firstViolation === true;
  const text: BilingualText = minorHarmless
    ? {
        en: 'No penalty: a minor violation, corrected in time, without harmful consequences (no minors affected and no prior violation established)',
        zh: '不予行政处罚：违法行为轻微并及时改正，没有造成危害后果（未查明涉及未成年人或曾受处罚）',
      }
    : firstViolation
      ? {
          en: 'No penalty proposed: a first violation with slight harm, corrected in time (the authority may refrain from a penalty)',
          zh: '建议不予行政处罚：初次违法且危害后果轻微并及时改正（可以不予行政处罚）',
        }
      : {
          en: 'A penalty is due: the conditions for no penalty (a minor or first violation, slight harm, corrected in time) are not all established',
          zh: '应予处罚：不予处罚的条件（违法行为轻微或初次违法、危害后果轻微、及时改正）未全部查明',
        };
  return {
    applies: minorHarmless || firstViolation,
    node: biNode(
      'apl.no-penalty',
      text,
      { en: cite.en, zh: cite.zh },
      minorHarmless || firstViolation
        ? { en: 'no penalty', zh: '不予处罚' }
        : { en: 'penalty due', zh: '应予处罚' },
      [parameterNode(exemption)],
    ),
  };
}
