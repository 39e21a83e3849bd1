import { DomainError, MoneyDecimal } from '@app/common';
import type { AssumedFact, RulebookInfo } from '../../core/assessment';
import type { Infringement, PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { conductMonths } from '../../core/precedents';
import { show } from '../../core/rounding';
import { resolveRules, type Rule } from '../../core/rules';
import { traceNode, type TraceNode } from '../../core/trace';
import { PENALTY_ERRORS } from '../../penalties.errors';
import parameters from './parameters.json';

/** The shared Administrative Penalty Law layer of every Chinese rulebook: limitation and discretion. */
export const CN_APL_PARAMETERS = new ParameterSet(parameters as ParameterFile);

export const CN_TIERS = ['time-barred', 'no-penalty', 'mitigated', 'lighter', 'ordinary', 'heavier'] as const;
export type CnTier = (typeof CN_TIERS)[number];

/** A statutory fine range with the trace nodes that established its ends. */
export interface StatutoryRange {
  min: MoneyDecimal;
  max: MoneyDecimal;
  /** False for "fine of up to X": mitigation cannot go below a minimum that does not exist. */
  hasFloor: boolean;
}

/** Circumstances a rulebook may have used as the condition of its fine, so the tiers must not reuse them. */
export type ConsumedCircumstance = 'refusedCorrection';

export interface Placement {
  tier: CnTier;
  amount: MoneyDecimal;
  node: TraceNode;
  assumed: AssumedFact[];
}

/** The date whose law judges the act: the end of the conduct (APL art. 37, law at the time of the act). */
export function lawDate(facts: PenaltyFacts): string {
  return facts.conduct.to;
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * APL art. 36: an act not discovered within two years of its end goes unpunished. The facts carry no
 * discovery date, so the decision date stands in as its latest bound and the assumption is stated.
 */
export function checkLimitation(facts: PenaltyFacts): { barred: boolean; node: TraceNode; notes: string[] } {
  const years = CN_APL_PARAMETERS.at('limitationYears', facts.decisionDate);
  const continuing = facts.conduct.continuing === true;
  const deadline = addYears(facts.conduct.to, Number(years.value));
  const barred = !continuing && facts.decisionDate > deadline;
  const node = traceNode(
    'apl.limitation',
    continuing
      ? 'Conduct still continuing: the limitation period has not started'
      : `Limitation: conduct ended ${facts.conduct.to}, period runs to ${deadline}; decision ${facts.decisionDate}`,
    years.citation,
    barred ? 'time-barred' : 'within limitation',
    [parameterNode(years)],
  );
  const notes = barred
    ? [
        `The decision date ${facts.decisionDate} is more than ${years.value} years after the conduct ended; the facts carry no discovery date, so the decision date was taken as the discovery date — if the act was discovered by ${deadline}, it is not time-barred.`,
      ]
    : [];
  return { barred, node, notes };
}

interface TierCtx {
  facts: PenaltyFacts;
  months: number;
  heavierMonths: number;
  lighterMonths: number;
  firstViolationExemption: boolean;
}

const c = (ctx: TierCtx) => ctx.facts.circumstances;

/**
 * The tier rules. `ordinary` is the general rule; each other tier is an exception that names the rules it
 * defeats. APL art. 32 ("shall" lighten or mitigate) defeats the heavier circumstances; the benchmark's
 * short-first-violation factor does not.
 */
const TIER_RULES: readonly Rule<TierCtx, CnTier>[] = [
  {
    id: 'tier.ordinary',
    description: 'General rule: the ordinary tier, the middle of the range',
    citation:
      'APL art. 5 (penalty matches facts, nature, circumstances, harm); discretion benchmark B3 (ordinary = middle)',
    applies: () => true,
    conclude: () => 'ordinary',
  },
  {
    id: 'tier.heavier',
    description:
      'Heavier tier: prior violations, obstruction, refusal to correct, minors affected, or conduct longer than the benchmark period',
    citation:
      'Discretion benchmark B3 (repeat breach, duration > 2 years are heavier factors); PIPL art. 28 (minors\u2019 PI is sensitive)',
    applies: (x) =>
      (c(x).priorViolations ?? 0) > 0 ||
      c(x).obstructed === true ||
      c(x).refusedCorrection === true ||
      x.facts.minorsAffected === true ||
      x.months > x.heavierMonths,
    conclude: () => 'heavier',
    overrides: ['tier.ordinary', 'tier.lighter-benchmark'],
  },
  {
    id: 'tier.lighter-benchmark',
    description: 'Lighter tier: a first violation of short duration',
    citation: 'Discretion benchmark B3 (first breach, duration < 6 months are lighter factors)',
    applies: (x) => c(x).firstViolation === true && x.months < x.lighterMonths,
    conclude: () => 'lighter',
    overrides: ['tier.ordinary'],
  },
  {
    id: 'tier.lighter-apl32',
    description:
      'Mandatory lighter treatment: the party actively eliminated or reduced the harm, or confessed violations the authority did not know',
    citation: 'APL art. 32(1) and (3)',
    applies: (x) => c(x).correctedPromptly === true || c(x).selfReported === true,
    conclude: () => 'lighter',
    overrides: ['tier.ordinary', 'tier.heavier', 'tier.lighter-benchmark'],
  },
  {
    id: 'tier.mitigated',
    description:
      'Mitigated (below the lighter tier): both APL art. 32 circumstances hold — corrected promptly and self-reported',
    citation: 'APL art. 32 (从轻或者减轻); bioaudit choice of when to mitigate rather than lighten',
    applies: (x) => c(x).correctedPromptly === true && c(x).selfReported === true,
    conclude: () => 'mitigated',
    overrides: ['tier.ordinary', 'tier.heavier', 'tier.lighter-benchmark', 'tier.lighter-apl32'],
  },
  {
    id: 'tier.no-penalty',
    description:
      'No fine: a minor violation (seriousness "low") corrected in time without harmful consequences, or a first such violation',
    citation: 'APL art. 33(1)',
    applies: (x) =>
      x.facts.seriousness === 'low' &&
      c(x).correctedPromptly === true &&
      ((x.facts.minorsAffected !== true && (c(x).priorViolations ?? 0) === 0) ||
        (x.firstViolationExemption && c(x).firstViolation === true)),
    conclude: () => 'no-penalty',
    overrides: [
      'tier.ordinary',
      'tier.heavier',
      'tier.lighter-benchmark',
      'tier.lighter-apl32',
      'tier.mitigated',
    ],
  },
];

const D = (v: string | number) => new MoneyDecimal(v);
const clamp01 = (d: MoneyDecimal) => MoneyDecimal.min(D(1), MoneyDecimal.max(D(0), d));
/** Scores are rounded to 4 decimals before they touch money, so every amount is exact decimal arithmetic. */
const score = (d: MoneyDecimal) => d.toDecimalPlaces(4, MoneyDecimal.ROUND_HALF_UP);

/** The circumstance flags the tier rules read, stated as assumptions when unknown. */
const TIER_FLAGS = [
  'firstViolation',
  'correctedPromptly',
  'refusedCorrection',
  'selfReported',
  'obstructed',
] as const;

function tierBand(
  tier: CnTier,
  range: StatutoryRange,
  date: string,
): { lo: MoneyDecimal; hi: MoneyDecimal; nodes: TraceNode[] } {
  const span = range.max.minus(range.min);
  const lighter = CN_APL_PARAMETERS.at('lighterUpper', date);
  const ordinary = CN_APL_PARAMETERS.at('ordinaryUpper', date);
  const at = (f: string) => range.min.plus(span.times(f));
  switch (tier) {
    case 'time-barred':
    case 'no-penalty':
      return { lo: D(0), hi: D(0), nodes: [] };
    case 'mitigated': {
      if (range.hasFloor) return { lo: D(0), hi: range.min, nodes: [] };
      const m = CN_APL_PARAMETERS.at('mitigatedUpperNoFloor', date);
      return { lo: D(0), hi: at(m.value), nodes: [parameterNode(m)] };
    }
    case 'lighter':
      return { lo: range.min, hi: at(lighter.value), nodes: [parameterNode(lighter)] };
    case 'ordinary':
      return {
        lo: at(lighter.value),
        hi: at(ordinary.value),
        nodes: [parameterNode(lighter), parameterNode(ordinary)],
      };
    case 'heavier':
      return { lo: at(ordinary.value), hi: range.max, nodes: [parameterNode(ordinary)] };
  }
}

/**
 * Places a fine inside a Chinese statutory range: a tier from the legal circumstances (general rule and
 * declared exceptions), then a point inside the tier from the scale of the conduct (person-months on a log
 * scale, capture intensity) moved by intent and cooperation. Each factor is counted once.
 */
export function placeInRange(
  facts: PenaltyFacts,
  range: StatutoryRange,
  options: { consumed?: readonly ConsumedCircumstance[] } = {},
): Placement {
  const date = lawDate(facts);
  const consumed = options.consumed ?? [];
  // A circumstance that already opened the fine (e.g. refusal to correct under PIPL 66(1)) is not counted
  // again as a heavier factor.
  const tierFacts: PenaltyFacts = {
    ...facts,
    circumstances: {
      ...facts.circumstances,
      ...Object.fromEntries(consumed.map((k) => [k, false])),
    },
  };
  const assumed: AssumedFact[] = [];
  const months = conductMonths(facts.conduct.from, facts.conduct.to);
  const heavierMonths = CN_APL_PARAMETERS.at('heavierDurationMonths', date);
  const lighterMonths = CN_APL_PARAMETERS.at('lighterDurationMonths', date);
  const exemption = CN_APL_PARAMETERS.at('firstViolationExemption', facts.decisionDate);
  for (const flag of TIER_FLAGS) {
    if (facts.circumstances[flag] === null) {
      assumed.push({ field: `circumstances.${flag}`, assumption: 'assumed false (not established)' });
    }
  }
  if (facts.circumstances.priorViolations === null) {
    assumed.push({ field: 'circumstances.priorViolations', assumption: 'assumed 0 (none established)' });
  }
  if (facts.minorsAffected === null) {
    assumed.push({ field: 'minorsAffected', assumption: 'assumed false (not established)' });
  }
  const outcome = resolveRules('discretion tier', TIER_RULES, {
    facts: tierFacts,
    months,
    heavierMonths: Number(heavierMonths.value),
    lighterMonths: Number(lighterMonths.value),
    firstViolationExemption: exemption.value === 'true',
  });
  const tier = outcome.value;
  const tierNode = traceNode(
    'discretion.tier',
    `${outcome.rule.description}` +
      (outcome.defeated.length ? ` (defeats: ${outcome.defeated.join(', ')})` : '') +
      (consumed.length
        ? ` (${consumed.join(', ')} already decided the fine is available; not counted again)`
        : '') +
      `; conduct lasted ${show(score(D(months)))} months`,
    outcome.rule.citation,
    tier,
    [parameterNode(heavierMonths), parameterNode(lighterMonths), parameterNode(exemption)],
  );
  const band = tierBand(tier, range, date);
  const bandNode = traceNode(
    'discretion.band',
    `Band of the ${tier} tier inside the statutory range ${show(range.min)}–${show(range.max)}`,
    'Discretion benchmark B3 split (lower 30 % / middle / upper 30 %), applied by analogy',
    `${show(band.lo)}–${show(band.hi)}`,
    band.nodes,
  );
  if (band.hi.equals(band.lo)) {
    const amount = band.lo;
    return {
      tier,
      amount,
      assumed,
      node: traceNode(
        'discretion.amount',
        `No fine in the ${tier} tier`,
        outcome.rule.citation,
        show(amount),
        [tierNode, bandNode],
      ),
    };
  }

  const unknownPos = CN_APL_PARAMETERS.at('unknownFactorPosition', date);
  const low = CN_APL_PARAMETERS.at('exposureLowAnchor', date);
  const high = CN_APL_PARAMETERS.at('exposureHighAnchor', date);
  let exposure: MoneyDecimal;
  let exposureText: string;
  if (facts.affectedPersons === null) {
    exposure = D(unknownPos.value);
    exposureText = 'affected persons unknown: exposure assumed at the middle of its scale';
    assumed.push({
      field: 'affectedPersons',
      assumption: `exposure factor assumed ${unknownPos.value} (middle of its scale)`,
    });
  } else {
    const pm = D(Math.max(facts.affectedPersons, 1)).times(score(D(months)));
    exposure = score(clamp01(pm.div(low.value).log(10).div(D(high.value).div(low.value).log(10))));
    exposureText = `${facts.affectedPersons} persons × ${show(score(D(months)))} months = ${show(score(pm))} person-months, on a log scale between the anchors`;
  }
  const exposureNode = traceNode('discretion.exposure', exposureText, low.citation, show(exposure), [
    parameterNode(low),
    parameterNode(high),
  ]);

  const weight = CN_APL_PARAMETERS.at('intensityWeight', date);
  let intensity: MoneyDecimal;
  let intensityText: string;
  if (facts.affectedPersons === 0) {
    intensity = D(0);
    intensityText = 'no affected persons: no repeat capture to weigh';
  } else if (facts.captureEvents === null || facts.affectedPersons === null) {
    intensity = D(unknownPos.value);
    intensityText = 'captures per person unknown: intensity assumed at the middle of its scale';
    if (facts.captureEvents === null) {
      assumed.push({
        field: 'captureEvents',
        assumption: `capture-intensity factor assumed ${unknownPos.value} (middle of its scale)`,
      });
    }
  } else {
    const perPerson = D(facts.captureEvents).div(facts.affectedPersons);
    intensity = score(clamp01(MoneyDecimal.max(perPerson, 1).log(10).div(3)));
    intensityText = `${show(score(perPerson))} captures per affected person (repeat capture), log scale 1 to 1,000`;
  }
  const intensityContribution = score(intensity.times(weight.value));
  const intensityNode = traceNode(
    'discretion.intensity',
    `${intensityText}; factor ${show(intensity)} × weight ${weight.value}`,
    weight.citation,
    show(intensityContribution),
    [parameterNode(weight)],
  );

  const intent = CN_APL_PARAMETERS.at('intentAdjustment', date);
  if (facts.circumstances.intentional === null) {
    assumed.push({
      field: 'circumstances.intentional',
      assumption: 'assumed not intentional (fault not established)',
    });
  }
  const intentValue = facts.circumstances.intentional === true ? D(intent.value) : D(0);
  const intentNode = traceNode(
    'discretion.intent',
    facts.circumstances.intentional === true
      ? 'Intentional conduct raises the point'
      : 'No intent established',
    intent.citation,
    show(intentValue),
    [parameterNode(intent)],
  );

  const coop = CN_APL_PARAMETERS.at('cooperationAdjustment', date);
  if (facts.circumstances.cooperated === null) {
    assumed.push({
      field: 'circumstances.cooperated',
      assumption: 'assumed no cooperation credit (not established)',
    });
  }
  const coopValue = facts.circumstances.cooperated === true ? D(coop.value).neg() : D(0);
  const coopNode = traceNode(
    'discretion.cooperation',
    facts.circumstances.cooperated === true
      ? 'Cooperation with the investigation lowers the point'
      : 'No cooperation credit',
    coop.citation,
    show(coopValue),
    [parameterNode(coop)],
  );

  const position = clamp01(exposure.plus(intensityContribution).plus(intentValue).plus(coopValue));
  const positionNode = traceNode(
    'discretion.position',
    'Point inside the tier (0 = bottom, 1 = top): exposure + intensity + intent + cooperation, clamped to [0, 1]',
    'bioaudit discretion model (docs/rulebooks/cn-discretion.md)',
    show(position),
    [exposureNode, intensityNode, intentNode, coopNode],
  );
  const amount = band.lo.plus(band.hi.minus(band.lo).times(position));
  return {
    tier,
    amount,
    assumed,
    node: traceNode(
      'discretion.amount',
      `band low + (band high − band low) × position = ${show(band.lo)} + ${show(band.hi.minus(band.lo))} × ${show(position)}`,
      'bioaudit discretion model (docs/rulebooks/cn-discretion.md)',
      show(amount),
      [tierNode, bandNode, positionNode],
    ),
  };
}

/**
 * The infringements a Chinese rulebook governs, or RULEBOOK_NOT_APPLICABLE when the conduct ended before the
 * law entered into force or none of the infringements breaches a duty it sanctions.
 */
export function applicableDuties(
  info: RulebookInfo,
  facts: PenaltyFacts,
  duties: Readonly<Record<string, string | undefined>>,
  law: { name: string; inForceArticle: string; dutyName: string },
): Infringement[] {
  const date = lawDate(facts);
  if (date < info.validFrom) {
    throw new DomainError(
      PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
      `${info.id}: conduct ending ${date} is before the ${law.name} entered into force (${info.validFrom}, ${law.inForceArticle})`,
      { rulebook: info.id },
    );
  }
  const governed = facts.infringements.filter((i) => duties[i] !== undefined);
  if (governed.length === 0) {
    throw new DomainError(
      PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
      `${info.id}: none of the infringements (${facts.infringements.join(', ') || 'none'}) breaches ${law.dutyName}`,
      { rulebook: info.id },
    );
  }
  return governed;
}
