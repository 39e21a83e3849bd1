import type { AssessOptions, PenaltyAssessment, Rulebook, RulebookInfo } from './core/assessment';
import { describeRulebooks, runAssessment, selectRulebook } from './core/calculator';
import type { PenaltyFacts } from './core/facts';
import type { Precedent } from './core/precedents';
import { PRECEDENTS } from './precedents/precedents';
import { BUILTIN_RULEBOOKS } from './rulebooks/builtin-rulebooks';

/** Proposes fines: picks the rulebook for the facts, runs it, and compares the result with precedents. */
export class FineCalculator {
  constructor(
    private readonly books: readonly Rulebook[] = BUILTIN_RULEBOOKS,
    private readonly precedents: readonly Precedent[] = PRECEDENTS,
  ) {}

  /** Assesses one facts document; `options.rulebook` wins over the document's own `rulebook` field. */
  assess(facts: PenaltyFacts, options: AssessOptions = {}): PenaltyAssessment {
    const rulebook = selectRulebook(this.books, facts, options.rulebook ?? null);
    return runAssessment(rulebook, facts, this.precedents, options);
  }

  /** Every rulebook with its id, version and jurisdiction. */
  rulebooks(): RulebookInfo[] {
    return describeRulebooks(this.books);
  }
}
