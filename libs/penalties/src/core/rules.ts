import { DomainError } from '@app/common';
import { PENALTY_ERRORS } from '../penalties.errors';

/**
 * A defeasible rule in the Catala/Blawx manner: it applies under a condition and concludes a value; an
 * exception names the rules it defeats in `overrides`. Resolution never depends on the order of the list.
 */
export interface Rule<C, V> {
  id: string;
  description: string;
  citation: string;
  applies: (ctx: C) => boolean;
  conclude: (ctx: C) => V;
  overrides?: readonly string[];
}

export interface RuleOutcome<V> {
  rule: { id: string; description: string; citation: string };
  value: V;
  /** Rules whose condition held but that an applicable exception defeated. */
  defeated: string[];
  /** Every rule whose condition held. */
  applicable: string[];
}

/**
 * Picks the one applicable rule no other applicable rule overrides. Two undefeated rules are a conflict the
 * rulebook must resolve by declaring an exception: it is reported, never settled silently.
 */
export function resolveRules<C, V>(question: string, rules: readonly Rule<C, V>[], ctx: C): RuleOutcome<V> {
  const applicable = rules.filter((r) => r.applies(ctx));
  const defeatedIds = new Set(applicable.flatMap((r) => r.overrides ?? []));
  const winners = applicable.filter((r) => !defeatedIds.has(r.id));
  if (winners.length === 0) {
    throw new DomainError(PENALTY_ERRORS.NO_RULE_APPLIES, `${question}: no rule applies`, { question });
  }
  if (winners.length > 1) {
    throw new DomainError(
      PENALTY_ERRORS.RULE_CONFLICT,
      `${question}: rules ${winners.map((w) => w.id).join(', ')} all apply and none is declared an exception to the others`,
      { question, rules: winners.map((w) => w.id) },
    );
  }
  const w = winners[0];
  return {
    rule: { id: w.id, description: w.description, citation: w.citation },
    value: w.conclude(ctx),
    defeated: applicable.filter((r) => defeatedIds.has(r.id)).map((r) => r.id),
    applicable: applicable.map((r) => r.id),
  };
}

/** A formula valid for conduct from a date (and optionally until one), in OpenFisca's date-suffixed manner. */
export interface DatedFormula<F> {
  id: string;
  from: string;
  until?: string;
  citation: string;
  formula: F;
}

/** The formula in force on `date`; an error when none is (the rulebook does not cover that date). */
export function formulaAt<F>(
  rulebook: string,
  formulas: readonly DatedFormula<F>[],
  date: string,
): DatedFormula<F> {
  const hits = formulas.filter((f) => f.from <= date && (f.until === undefined || date < f.until));
  if (hits.length !== 1) {
    throw new DomainError(
      PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
      hits.length === 0
        ? `${rulebook}: no formula in force on ${date}`
        : `${rulebook}: formulas ${hits.map((h) => h.id).join(', ')} overlap on ${date}`,
      { rulebook, date },
    );
  }
  return hits[0];
}
