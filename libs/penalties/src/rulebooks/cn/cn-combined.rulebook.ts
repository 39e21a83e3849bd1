import { DomainError, isDomainError } from '@app/common';
import { PENALTY_ERRORS } from '../../penalties.errors';
import type { AssessOptions, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { PenaltyFacts } from '../../core/facts';
import { show } from '../../core/rounding';
import { traceNode } from '../../core/trace';

/** Errors meaning "this rulebook does not govern these facts", as opposed to a defect. */
const NOT_GOVERNING: readonly string[] = [
  PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
  PENALTY_ERRORS.NO_PARAMETER_IN_FORCE,
];

/**
 * China's default rulebook: one act that breaks several rules carrying fines gets one fine, under the rule
 * with the higher fine (APL art. 29). "Higher fine" is read as the higher statutory maximum for these facts,
 * then the higher proposal; a full tie goes to the earlier candidate (laws before regulations, the special
 * PI law first). The reading is stated in every assessment.
 */
export class CnCombinedRulebook implements Rulebook {
  readonly info: RulebookInfo;

  constructor(private readonly candidates: readonly Rulebook[]) {
    this.info = {
      id: 'cn',
      version: `1.0.0+${candidates.map((c) => `${c.info.id}@${c.info.version}`).join(',')}`,
      jurisdiction: 'CN',
      title: 'China — CRPL 56, PIPL 66 and NDSMR 55 combined under APL art. 29 (one fine, the higher rule)',
      currency: 'CNY',
      validFrom: candidates.map((c) => c.info.validFrom).reduce((a, b) => (a < b ? a : b)),
      isDefault: true,
      summary: 'Runs every Chinese rulebook that governs the facts and applies the one with the higher fine',
    };
  }

  assess(facts: PenaltyFacts, options: AssessOptions = {}): RulebookResult {
    const ran: { book: Rulebook; result: RulebookResult }[] = [];
    const skipped: string[] = [];
    for (const book of this.candidates) {
      try {
        ran.push({ book, result: book.assess(facts, options) });
      } catch (e) {
        if (isDomainError(e) && NOT_GOVERNING.includes(e.code)) skipped.push(e.message);
        else throw e;
      }
    }
    if (ran.length === 0) {
      throw new DomainError(
        PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
        `cn: no Chinese rulebook governs these facts (${skipped.join('; ')})`,
        { rulebook: 'cn', skipped },
      );
    }
    const ranked = [...ran].sort(
      (a, b) =>
        b.result.max.comparedTo(a.result.max) ||
        b.result.amount.comparedTo(a.result.amount) ||
        this.candidates.indexOf(a.book) - this.candidates.indexOf(b.book),
    );
    const winner = ranked[0];
    const candidates = ranked.map(({ book, result }) =>
      traceNode(
        `apl29.candidate.${book.info.id}`,
        `${book.info.title}: range ${show(result.min)}–${show(result.max)}, proposal ${show(result.amount)} (${result.tier})`,
        book.info.title,
        show(result.max),
      ),
    );
    const choice = traceNode(
      'apl29.choice',
      `One act, one fine: the rule with the higher maximum for these facts applies — ${winner.book.info.id}` +
        (skipped.length ? `; not governing: ${skipped.join('; ')}` : ''),
      'Administrative Penalty Law art. 29',
      winner.book.info.id,
      candidates,
    );
    return {
      ...winner.result,
      trace: traceNode(
        'cn.fine',
        `Fine under ${winner.book.info.id}, chosen by APL art. 29`,
        'Administrative Penalty Law art. 29',
        show(winner.result.amount),
        [choice, winner.result.trace],
      ),
      tier: `${winner.book.info.id}:${winner.result.tier}`,
      notes: [
        ...winner.result.notes,
        ...(ran.length > 1
          ? [
              `APL art. 29 read as "the rule with the higher statutory maximum for these facts" (then the higher proposal); also applicable: ${ranked
                .slice(1)
                .map(
                  (r) => `${r.book.info.id} (max ${show(r.result.max)}, proposal ${show(r.result.amount)})`,
                )
                .join(', ')}.`,
            ]
          : []),
      ],
    };
  }
}
