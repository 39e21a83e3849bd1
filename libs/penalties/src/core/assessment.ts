import type { BilingualText, MoneyDecimal } from '@app/common';
import type { Jurisdiction, PenaltyFacts } from './facts';
import type { TraceNode, TraceStep } from './trace';

/** What `bioaudit rulebooks` lists about one rulebook. */
export interface RulebookInfo {
  id: string;
  version: string;
  jurisdiction: Jurisdiction;
  title: string;
  currency: string;
  /** Earliest conduct date the rulebook can judge. */
  validFrom: string;
  /** True for the rulebook used when a facts document of its jurisdiction names none. */
  isDefault: boolean;
  summary: string;
  /** Human name of the rulebook in both languages (for documents; `title` stays for the CLI). */
  titleText?: BilingualText;
}

/** What the assessment concludes: a fine (possibly of zero where only measures apply), no penalty, or time-barred. */
export type PenaltyOutcome = 'fine' | 'no-penalty' | 'time-barred';

/** The limitation check (Chinese rulebooks: APL 2021 art. 36, 1996 text art. 29). */
export interface LimitationCheck {
  conductEnded: string;
  discoveryDate: string;
  discoveryAssumed: boolean;
  deadline: string;
  barred: boolean;
  citation: BilingualText;
}

/** Which law judged the act (APL 2021 art. 37). */
export interface LawAppliedCheck {
  conductLawDate: string;
  decisionDate: string;
  lighterNewLaw: boolean;
  text: BilingualText;
}

/** A fact the rulebook had to assume because the facts document left it `null`. */
export interface AssumedFact {
  /** Dotted path of the unknown field, e.g. `affectedPersons`, `circumstances.cooperated`. */
  field: string;
  assumption: string;
  /** The assumption in both languages, without field names (Chinese rulebooks). */
  text?: BilingualText;
}

/** A rulebook's raw answer, before the calculator rounds, probes unknowns and compares precedents. */
export interface RulebookResult {
  currency: string;
  /** Unrounded proposal. */
  amount: MoneyDecimal;
  /** Legal range the amount must stay in (an officer's override too). */
  min: MoneyDecimal;
  max: MoneyDecimal;
  tier: string;
  trace: TraceNode;
  assumed: AssumedFact[];
  /** Other assumptions or caveats that are not about one field (unconfirmed parameters, policies). */
  notes: (string | BilingualText)[];
  /** Non-monetary measures proposed alongside the fine (order to correct, warning...). */
  measures: (string | BilingualText)[];
  /** Defaults to `fine`. */
  outcome?: PenaltyOutcome;
  tierLabel?: BilingualText;
  /** The rulebook that decided the amount (a combined rulebook names the one it chose). */
  decidedBy?: { id: string; title: BilingualText };
  limitation?: LimitationCheck;
  lawApplied?: LawAppliedCheck;
}

/**
 * How the EU method treats an unknown or withheld turnover (reference addendum A12): `no-reduction` starts
 * from the static maximum with no size adjustment (AP v Clearview); `smallest-band` places the undertaking in
 * the smallest size band (Austrian DSB practice of estimating a small turnover).
 */
export const TURNOVER_UNKNOWN_POLICIES = ['no-reduction', 'smallest-band'] as const;
export type TurnoverUnknownPolicy = (typeof TURNOVER_UNKNOWN_POLICIES)[number];

/** Options a caller may pass to an assessment. */
export interface AssessOptions {
  rulebook?: string;
  turnoverUnknownPolicy?: TurnoverUnknownPolicy;
}

/** A rulebook: dated parameters plus formulas, judging one facts document. */
export interface Rulebook {
  info: RulebookInfo;
  assess(facts: PenaltyFacts, options?: AssessOptions): RulebookResult;
}

/** How one real decision compares with the proposal. */
export interface PrecedentComparison {
  id: string;
  /** Same legal basis, same conduct type and a similar scale: counted in the position. */
  comparable: boolean;
  /** Why a decision is shown apart (not comparable), or null. */
  apartReason: BilingualText | null;
  authorityText: BilingualText;
  defendantText: BilingualText;
  /** The original publication and date, e.g. `中国消费者报, 2021-04-22` (never a mirror address). */
  publication: string;
  legalBasisText: BilingualText;
  /** Facts the sources do not give and the precedent data assumed (e.g. Ningbo Sunac: Poly's counts). */
  factsAssumed?: BilingualText;
  authority: string;
  decisionDate: string;
  defendant: string;
  amount: string;
  currency: string;
  legalBasis: string;
  source: string;
  /** 0 = same facts; larger = less alike (see docs/rulebooks/precedents.md). */
  distance: number;
  /** Proposal relative to this decision, e.g. `+4.8%`, or `n/a` across currencies. */
  proposalVersusPrecedent: string;
}

/** A proposed fine with everything needed to reproduce and explain it. */
export interface PenaltyAssessment {
  rulebook: string;
  version: string;
  currency: string;
  amount: string;
  min: string;
  max: string;
  /** Machine value of the tier (`lighter`, `ordinary`, ..., `time-barred`); print `tierLabel`. */
  tier: string;
  outcome: PenaltyOutcome;
  tierLabel: BilingualText;
  /** The rulebook that decided the amount (for `cn`, the one APL art. 29 chose). */
  decidingRulebook: string;
  rulebookTitle: BilingualText;
  measures: string[];
  measuresText: BilingualText[];
  steps: TraceStep[];
  trace: TraceNode;
  assumptions: string[];
  /** Same order as `assumptions`, in both languages and without field names. */
  assumptionsText: BilingualText[];
  /** Null for rulebooks that do not model limitation (EU, US). */
  limitation: LimitationCheck | null;
  /** Null for rulebooks that do not model the law in force (EU, US). */
  lawApplied: LawAppliedCheck | null;
  precedents: PrecedentComparison[];
  /** Where the proposal sits among the comparable precedents, in words. */
  precedentPosition: string;
  precedentPositionText: BilingualText;
  inputs: PenaltyFacts;
}

/** An assessment whose amount an officer replaced, keeping the original proposal. */
export interface OverriddenAssessment {
  proposal: PenaltyAssessment;
  amount: string;
  reason: string;
  officer: string;
}
