import type { MoneyDecimal } from '@app/common';
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
}

/** A fact the rulebook had to assume because the facts document left it `null`. */
export interface AssumedFact {
  /** Dotted path of the unknown field, e.g. `affectedPersons`, `circumstances.cooperated`. */
  field: string;
  assumption: string;
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
  notes: string[];
  /** Non-monetary measures proposed alongside the fine (order to correct, warning...). */
  measures: string[];
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
  tier: string;
  measures: string[];
  steps: TraceStep[];
  trace: TraceNode;
  assumptions: string[];
  precedents: PrecedentComparison[];
  /** Where the proposal sits among the precedents of the same currency, in words. */
  precedentPosition: string;
  inputs: PenaltyFacts;
}

/** An assessment whose amount an officer replaced, keeping the original proposal. */
export interface OverriddenAssessment {
  proposal: PenaltyAssessment;
  amount: string;
  reason: string;
  officer: string;
}
