import { DomainError, MoneyDecimal, type BilingualText } from '@app/common';
import { PENALTY_ERRORS } from '../penalties.errors';
import type {
  AssessOptions,
  OverriddenAssessment,
  PenaltyAssessment,
  Rulebook,
  RulebookInfo,
} from './assessment';
import type { PenaltyFacts } from './facts';
import { UNCONFIRMED_MARK } from './parameters';
import { closestPrecedents, precedentPosition, type Precedent } from './precedents';
import { factLabel, OTHER_TIER_LABELS } from './fact-labels';
import { roundAmount, roundRange } from './rounding';
import { biNode, flattenTrace, traceNode, type TraceStep } from './trace';

type Probe = { label: BilingualText; apply: (f: PenaltyFacts) => PenaltyFacts };

const YES: BilingualText = { en: 'yes', zh: '是' };
const circumstance =
  <K extends keyof PenaltyFacts['circumstances']>(key: K, value: PenaltyFacts['circumstances'][K]) =>
  (f: PenaltyFacts): PenaltyFacts => ({ ...f, circumstances: { ...f.circumstances, [key]: value } });
const num = (x: number): BilingualText => ({ en: x.toLocaleString('en-US'), zh: x.toLocaleString('en-US') });

/**
 * For each field a rulebook may have to assume, the alternative values tried to show how the proposal would
 * move if the fact were known.
 */
const PROBES: Record<string, Probe[]> = {
  affectedPersons: [
    { label: num(10), apply: (f) => ({ ...f, affectedPersons: 10 }) },
    { label: num(10_000), apply: (f) => ({ ...f, affectedPersons: 10_000 }) },
  ],
  captureEvents: [
    { label: num(1_000), apply: (f) => ({ ...f, captureEvents: 1_000 }) },
    { label: num(1_000_000), apply: (f) => ({ ...f, captureEvents: 1_000_000 }) },
  ],
  minorsAffected: [{ label: YES, apply: (f) => ({ ...f, minorsAffected: true }) }],
  seriousness: [
    { label: { en: 'low', zh: '轻微' }, apply: (f) => ({ ...f, seriousness: 'low' }) },
    { label: { en: 'high', zh: '严重' }, apply: (f) => ({ ...f, seriousness: 'high' }) },
  ],
  'conduct.continuing': [
    { label: YES, apply: (f) => ({ ...f, conduct: { ...f.conduct, continuing: true } }) },
  ],
  'circumstances.firstViolation': [{ label: YES, apply: circumstance('firstViolation', true) }],
  'circumstances.correctedPromptly': [{ label: YES, apply: circumstance('correctedPromptly', true) }],
  'circumstances.cooperated': [{ label: YES, apply: circumstance('cooperated', true) }],
  'circumstances.refusedCorrection': [{ label: YES, apply: circumstance('refusedCorrection', true) }],
  'circumstances.intentional': [{ label: YES, apply: circumstance('intentional', true) }],
  'circumstances.priorViolations': [{ label: num(1), apply: circumstance('priorViolations', 1) }],
  'circumstances.selfReported': [{ label: YES, apply: circumstance('selfReported', true) }],
  'circumstances.obstructed': [{ label: YES, apply: circumstance('obstructed', true) }],
};

const bi = (x: string | BilingualText): BilingualText => (typeof x === 'string' ? { en: x, zh: x } : x);

function probeLine(
  rulebook: Rulebook,
  facts: PenaltyFacts,
  field: string,
  options: AssessOptions,
): { plain: string; text: BilingualText } {
  const probes = PROBES[field];
  if (!probes) return { plain: '', text: { en: '', zh: '' } };
  const outcomes = probes.map((p) => {
    try {
      const r = rulebook.assess(p.apply(facts), options);
      const amount = roundAmount(r.amount).toFixed(0);
      const label = r.tierLabel ?? bi(r.tier);
      return {
        plain: `${p.label === YES ? 'true' : p.label.en} → ${amount} (${r.tier})`,
        en: `${p.label.en} → ${amount} (${label.en})`,
        zh: `${p.label.zh}：${amount}元（${label.zh}）`,
      };
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      return {
        plain: `${p.label === YES ? 'true' : p.label.en} → not assessable (${m})`,
        en: `${p.label.en} → not assessable`,
        zh: `${p.label.zh}：无法评估`,
      };
    }
  });
  return {
    plain: ` If known: ${outcomes.map((o) => o.plain).join('; ')}.`,
    text: {
      en: ` If known: ${outcomes.map((o) => o.en).join('; ')}.`,
      zh: `如查明：${outcomes.map((o) => o.zh).join('；')}。`,
    },
  };
}

const UNCONFIRMED_TEXT = (st: TraceStep): BilingualText => ({
  en: `Unconfirmed source used: ${st.description} = ${st.value} (${st.citation}); verify it before relying on this amount.`,
  zh: `使用了未经核实的依据：${st.zh?.description ?? st.description} = ${st.value}（${st.zh?.citation ?? st.citation}）；据此确定罚款前应予核实。`,
});

/**
 * Runs one rulebook on one facts document and turns its raw answer into an assessment: rounds once at the
 * end, states every assumption with how the proposal would move, and lists the precedents (comparable ones
 * counted, others shown apart).
 */
export function runAssessment(
  rulebook: Rulebook,
  facts: PenaltyFacts,
  precedents: readonly Precedent[],
  options: AssessOptions = {},
): PenaltyAssessment {
  if (rulebook.info.jurisdiction !== facts.jurisdiction) {
    throw new DomainError(
      PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
      `rulebook ${rulebook.info.id} is for ${rulebook.info.jurisdiction}, the facts are for ${facts.jurisdiction}`,
      { rulebook: rulebook.info.id, jurisdiction: facts.jurisdiction },
    );
  }
  const r = rulebook.assess(facts, options);
  const bilingualBook = r.decidedBy !== undefined;
  const range = roundRange(r.min, r.max);
  const rounded = MoneyDecimal.min(range.max, MoneyDecimal.max(range.min, roundAmount(r.amount)));
  const amount = rounded.toFixed(0);
  const seen = new Set<string>();
  const assumed = r.assumed.filter((a) => !seen.has(a.field) && seen.add(a.field));
  // Assumptions are part of the trace too, so a reader of the steps alone sees what was not known.
  const assumptionNodes = assumed.map((a) => {
    const label = factLabel(a.field);
    const text = a.text ?? bi(a.assumption);
    return bilingualBook
      ? biNode(
          `assumption.${a.field}`,
          { en: `Not established: ${label.en}`, zh: `未查明：${label.zh}` },
          { en: 'assumption stated by the rulebook', zh: '规则所作的推定' },
          text,
        )
      : traceNode(
          `assumption.${a.field}`,
          `${a.field} unknown (null in the facts document)`,
          'assumed by the rulebook',
          a.assumption,
        );
  });
  const title = r.decidedBy?.title ?? rulebook.info.titleText ?? bi(rulebook.info.title);
  const trace = bilingualBook
    ? biNode(
        'proposal',
        r.outcome === 'no-penalty' || r.outcome === 'time-barred'
          ? {
              en: `No penalty proposed under ${title.en}: no fine`,
              zh: `依照${title.zh}建议不予行政处罚，不处罚款`,
            }
          : {
              en: `Proposed amount under ${title.en}, rounded once to whole ${r.currency} (halves up), inside the legal range`,
              zh: `依照${title.zh}拟处罚款数额，最后一次四舍五入到元，并在法定幅度内`,
            },
        { en: 'bioaudit rounding rule (rulebook documentation)', zh: '本系统取整规则（见规则说明）' },
        amount,
        [...assumptionNodes, r.trace],
      )
    : traceNode(
        'proposal',
        `Proposed amount under ${rulebook.info.id} ${rulebook.info.version}, rounded once to whole ${r.currency}, half-up, inside the legal range`,
        'bioaudit rounding rule (docs/rulebooks/README.md)',
        amount,
        [...assumptionNodes, r.trace],
      );
  const steps = flattenTrace(trace);
  const unconfirmedSteps = [
    ...new Map(
      steps
        .filter((st) => st.id.startsWith('param.') && st.citation.endsWith(UNCONFIRMED_MARK))
        .map((st) => [st.id, st] as const),
    ).values(),
  ];
  const unconfirmed = unconfirmedSteps.map(
    (st) =>
      `Unconfirmed parameter used: ${st.id.slice('param.'.length)} = ${st.value} (${st.citation}); verify it before relying on this amount.`,
  );
  const probes = assumed.map((a) => probeLine(rulebook, facts, a.field, options));
  const notes = r.notes.map(bi);
  const assumptions = [
    ...assumed.map((a, i) => `${a.field} unknown: ${a.assumption}.${probes[i].plain}`),
    ...notes.map((x) => x.en),
    ...unconfirmed,
  ];
  const assumptionsText: BilingualText[] = [
    ...assumed.map((a, i) => {
      const label = factLabel(a.field);
      const t = a.text ?? bi(a.assumption);
      return {
        en: `Not established: ${label.en}; ${t.en}.${probes[i].text.en}`,
        zh: `未查明${label.zh}：${t.zh}。${probes[i].text.zh}`,
      };
    }),
    ...notes,
    ...unconfirmedSteps.map(UNCONFIRMED_TEXT),
  ];
  const measuresText = r.measures.map(bi);
  const decidedBy = r.decidedBy?.id ?? rulebook.info.id;
  const precedentList = closestPrecedents(facts, amount, r.currency, precedents, decidedBy);
  const position = precedentPosition(amount, r.currency, precedentList);
  return {
    rulebook: rulebook.info.id,
    version: rulebook.info.version,
    currency: r.currency,
    amount,
    min: range.min.toFixed(0),
    max: range.max.toFixed(0),
    tier: r.tier,
    outcome: r.outcome ?? 'fine',
    tierLabel: r.tierLabel ?? OTHER_TIER_LABELS[r.tier] ?? bi(r.tier),
    decidingRulebook: decidedBy,
    rulebookTitle: title,
    measures: measuresText.map((m) => m.en),
    measuresText,
    steps,
    trace,
    assumptions,
    assumptionsText,
    limitation: r.limitation ?? null,
    lawApplied: r.lawApplied ?? null,
    precedents: precedentList,
    precedentPosition: position.en,
    precedentPositionText: position,
    inputs: facts,
  };
}

/** Picks the rulebook: the explicit option, else the facts document's, else the jurisdiction's default. */
export function selectRulebook(
  rulebooks: readonly Rulebook[],
  facts: PenaltyFacts,
  requested: string | null,
): Rulebook {
  const id = requested ?? facts.rulebook;
  const found = id
    ? rulebooks.find((r) => r.info.id === id)
    : rulebooks.find((r) => r.info.jurisdiction === facts.jurisdiction && r.info.isDefault);
  if (!found) {
    const known = rulebooks.map((r) => r.info.id).join(', ');
    throw new DomainError(
      PENALTY_ERRORS.UNKNOWN_RULEBOOK,
      id ? `unknown rulebook ${id} (known: ${known})` : `no default rulebook for ${facts.jurisdiction}`,
      { rulebook: id, known },
    );
  }
  return found;
}

/** Lists rulebook descriptions sorted by id. */
export function describeRulebooks(rulebooks: readonly Rulebook[]): RulebookInfo[] {
  return rulebooks.map((r) => r.info).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Replaces the proposed amount with an officer's, inside the legal range, with a reason; the proposal is
 * kept untouched beside it.
 */
export function overrideAssessment(
  a: PenaltyAssessment,
  amount: string,
  reason: string,
  officer: string,
): OverriddenAssessment {
  if (!/^\d+(\.\d+)?$/.test(amount)) {
    throw new DomainError(
      PENALTY_ERRORS.OVERRIDE_INVALID,
      `override amount ${amount} is not a decimal string`,
    );
  }
  if (reason.trim() === '' || officer.trim() === '') {
    throw new DomainError(PENALTY_ERRORS.OVERRIDE_INVALID, 'an override needs a reason and an officer');
  }
  const value = new MoneyDecimal(amount);
  if (value.lessThan(a.min) || value.greaterThan(a.max)) {
    throw new DomainError(
      PENALTY_ERRORS.OVERRIDE_OUT_OF_RANGE,
      `override ${a.currency} ${amount} is outside the legal range ${a.min}–${a.max} of ${a.rulebook}`,
      { amount, min: a.min, max: a.max },
    );
  }
  return { proposal: a, amount: value.toFixed(), reason: reason.trim(), officer: officer.trim() };
}
