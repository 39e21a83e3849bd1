import { DomainError, MoneyDecimal } from '@app/common';
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
import { roundAmount, roundRange } from './rounding';
import { flattenTrace, traceNode } from './trace';

type Probe = { label: string; apply: (f: PenaltyFacts) => PenaltyFacts };

const circumstance =
  <K extends keyof PenaltyFacts['circumstances']>(key: K, value: PenaltyFacts['circumstances'][K]) =>
  (f: PenaltyFacts): PenaltyFacts => ({ ...f, circumstances: { ...f.circumstances, [key]: value } });

/**
 * For each field a rulebook may have to assume, the alternative values tried to show how the proposal would
 * move if the fact were known. Counts are probed at the ends of the scale the discretion models use.
 */
const PROBES: Record<string, Probe[]> = {
  affectedPersons: [
    { label: '10', apply: (f) => ({ ...f, affectedPersons: 10 }) },
    { label: '10,000', apply: (f) => ({ ...f, affectedPersons: 10_000 }) },
  ],
  captureEvents: [
    { label: '1,000', apply: (f) => ({ ...f, captureEvents: 1_000 }) },
    { label: '1,000,000', apply: (f) => ({ ...f, captureEvents: 1_000_000 }) },
  ],
  minorsAffected: [{ label: 'true', apply: (f) => ({ ...f, minorsAffected: true }) }],
  seriousness: [
    { label: 'low', apply: (f) => ({ ...f, seriousness: 'low' }) },
    { label: 'high', apply: (f) => ({ ...f, seriousness: 'high' }) },
  ],
  'conduct.continuing': [
    { label: 'true', apply: (f) => ({ ...f, conduct: { ...f.conduct, continuing: true } }) },
  ],
  'circumstances.firstViolation': [{ label: 'true', apply: circumstance('firstViolation', true) }],
  'circumstances.correctedPromptly': [{ label: 'true', apply: circumstance('correctedPromptly', true) }],
  'circumstances.cooperated': [{ label: 'true', apply: circumstance('cooperated', true) }],
  'circumstances.refusedCorrection': [{ label: 'true', apply: circumstance('refusedCorrection', true) }],
  'circumstances.intentional': [{ label: 'true', apply: circumstance('intentional', true) }],
  'circumstances.priorViolations': [{ label: '1', apply: circumstance('priorViolations', 1) }],
  'circumstances.selfReported': [{ label: 'true', apply: circumstance('selfReported', true) }],
  'circumstances.obstructed': [{ label: 'true', apply: circumstance('obstructed', true) }],
};

function probeLine(rulebook: Rulebook, facts: PenaltyFacts, field: string, options: AssessOptions): string {
  const probes = PROBES[field];
  if (!probes) return '';
  const outcomes = probes.map((p) => {
    try {
      const r = rulebook.assess(p.apply(facts), options);
      return `${p.label} → ${roundAmount(r.amount).toFixed(0)} (${r.tier})`;
    } catch (e) {
      return `${p.label} → not assessable (${e instanceof Error ? e.message : String(e)})`;
    }
  });
  return ` If known: ${outcomes.join('; ')}.`;
}

/**
 * Runs one rulebook on one facts document and turns its raw answer into an assessment: rounds once at the
 * end, states every assumption with how the proposal would move, and lists the closest precedents.
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
  const range = roundRange(r.min, r.max);
  const rounded = MoneyDecimal.min(range.max, MoneyDecimal.max(range.min, roundAmount(r.amount)));
  const amount = rounded.toFixed(0);
  const seen = new Set<string>();
  const assumed = r.assumed.filter((a) => !seen.has(a.field) && seen.add(a.field));
  // Assumptions are part of the trace too, so a reader of the steps alone sees what was not known.
  const assumptionNodes = assumed.map((a) =>
    traceNode(
      `assumption.${a.field}`,
      `${a.field} unknown (null in the facts document)`,
      'assumed by the rulebook',
      a.assumption,
    ),
  );
  const trace = traceNode(
    'proposal',
    `Proposed amount under ${rulebook.info.id} ${rulebook.info.version}, rounded once to whole ${r.currency}, half-up, inside the legal range`,
    'bioaudit rounding rule (docs/rulebooks/README.md)',
    amount,
    [...assumptionNodes, r.trace],
  );
  const steps = flattenTrace(trace);
  const unconfirmed = [
    ...new Map(
      steps
        .filter((st) => st.id.startsWith('param.') && st.citation.endsWith(UNCONFIRMED_MARK))
        .map((st) => [st.id, st] as const),
    ).values(),
  ].map(
    (st) =>
      `Unconfirmed parameter used: ${st.id.slice('param.'.length)} = ${st.value} (${st.citation}); verify it before relying on this amount.`,
  );
  const assumptions = [
    ...assumed.map(
      (a) => `${a.field} unknown: ${a.assumption}.${probeLine(rulebook, facts, a.field, options)}`,
    ),
    ...r.notes,
    ...unconfirmed,
  ];
  return {
    rulebook: rulebook.info.id,
    version: rulebook.info.version,
    currency: r.currency,
    amount,
    min: range.min.toFixed(0),
    max: range.max.toFixed(0),
    tier: r.tier,
    measures: r.measures,
    steps,
    trace,
    assumptions,
    precedents: closestPrecedents(facts, amount, r.currency, precedents),
    precedentPosition: precedentPosition(facts, amount, r.currency, precedents),
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
