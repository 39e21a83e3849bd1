import { DomainError, MoneyDecimal } from '@app/common';
import { PENALTY_ERRORS } from '../../penalties.errors';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { Infringement, PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { formulaAt, type DatedFormula } from '../../core/rules';
import { traceNode, type TraceNode } from '../../core/trace';
import { checkLimitation, lawDate, placeInRange, type StatutoryRange } from '../cn-apl/cn-discretion';
import aplParameters from '../cn-apl/parameters.json';
import parameters from './parameters.json';

export const CRPL_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/** Which CRPL art. 29 duty each infringement breaches; codes absent here are not CRPL matters. */
const CRPL_DUTIES: Partial<Record<Infringement, string>> = {
  NO_CONSENT: 'art. 29(1): collected without the consumer\u2019s consent',
  CONSENT_AFTER_CAPTURE: 'art. 29(1): consent obtained only after collection',
  CONSENT_WITHDRAWN: 'art. 29(1): collected after consent was withdrawn',
  CONSENT_EXPIRED: 'art. 29(1): collected after consent expired',
  NOT_SEPARATE_CONSENT: 'art. 29(1): no express consent to biometric collection',
  MINOR_WITHOUT_GUARDIAN_CONSENT: 'art. 29(1): no valid consent for a minor',
  PURPOSE_NOT_COVERED: 'art. 29(1): used beyond the stated purpose',
  NO_NOTICE: 'art. 29(1): purpose, method and scope not stated',
  EXCESSIVE_COLLECTION: 'art. 29(1): collection not necessary',
  FACE_ONLY_ACCESS: 'art. 29(1): face capture imposed as the only way in (necessity, free consent)',
  THIRD_PARTY_DISCLOSURE: 'art. 29(2): personal information unlawfully provided to others',
  INSECURE_STORAGE: 'art. 29(2): no necessary measures against leaks and loss',
};

/** The penalty route through the 2024 Implementing Regulations, in force for conduct from 1 Jul 2024. */
type Route = (facts: PenaltyFacts) => TraceNode | null;

const FORMULAS: readonly DatedFormula<Route>[] = [
  {
    id: 'crpl-2014',
    from: '2014-03-15',
    until: '2024-07-01',
    citation: 'CRPL art. 56(1)(9) via SAIC Order 73 art. 14 (as amended by SAMR Order 31, 2020)',
    formula: () => null,
  },
  {
    id: 'crpl-2024-regs',
    from: '2024-07-01',
    citation: 'CRPL Implementing Regulations (State Council Decree 778) art. 50(3), art. 23',
    formula: () =>
      traceNode(
        'crpl.implementing-regs',
        'Personal-information breaches (Regulations art. 23) are punished under CRPL art. 56, not art. 50(1)-(2)',
        'CRPL Implementing Regulations art. 50(3); CL:行政法规/消费者权益保护法实施条例(2024-03-15).md',
        'CRPL art. 56',
      ),
  },
];

const VERSION = `${parameters.version}+cn-apl.${aplParameters.version}`;

/**
 * China, Consumer Rights Protection Law art. 56(1)(9): 1-10x illegal gains, or up to CNY 500,000 without
 * gains, placed in the range by the shared Chinese discretion model.
 */
export class CnCrpl56Rulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'cn-crpl-56',
    version: VERSION,
    jurisdiction: 'CN',
    title: 'China — Consumer Rights Protection Law art. 56(1)(9) (consumer personal information)',
    currency: 'CNY',
    validFrom: CRPL_PARAMETERS.earliestDate(),
    isDefault: false,
    summary:
      'With illegal gains 1–10× the gains; without, up to CNY 500,000; warning, order to correct, credit record',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const date = lawDate(facts);
    const duties = facts.infringements.filter((i) => CRPL_DUTIES[i] !== undefined);
    if (duties.length === 0) {
      throw new DomainError(
        PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
        `cn-crpl-56: none of the infringements (${facts.infringements.join(', ') || 'none'}) breaches a CRPL art. 29 duty`,
        { rulebook: this.info.id },
      );
    }
    const formula = formulaAt(this.info.id, FORMULAS, date);
    const route = formula.formula(facts);
    const assumed: AssumedFact[] = [];
    const notes: string[] = [];
    const basis = traceNode(
      'crpl.basis',
      `Infringes the consumer\u2019s right to protection of personal information (CRPL art. 14): ${duties
        .map((d) => `${d} — ${CRPL_DUTIES[d]}`)
        .join('; ')}`,
      'CRPL arts. 14, 29 and 56(1)(9)',
      'CRPL art. 56(1)(9)',
      route ? [route] : [],
    );
    const limitation = checkLimitation(facts);
    notes.push(...limitation.notes);

    const { range, rangeNode } = this.range(facts, date, assumed);
    const measures = [
      'order to correct (CRPL art. 56(1))',
      'warning, alone or with the fine (CRPL art. 56(1))',
      'entry in the credit file and publication (CRPL art. 56(2))',
    ];
    if (facts.illegalGains && new MoneyDecimal(facts.illegalGains.amount).greaterThan(0)) {
      measures.push('confiscation of the illegal gains (CRPL art. 56(1))');
    }
    if (limitation.barred) {
      return {
        currency: 'CNY',
        amount: new MoneyDecimal(0),
        min: new MoneyDecimal(0),
        max: new MoneyDecimal(0),
        tier: 'time-barred',
        trace: traceNode('crpl.fine', 'No penalty: time-barred', 'APL art. 36', '0', [
          basis,
          limitation.node,
        ]),
        assumed,
        notes,
        measures: [],
      };
    }
    const placement = placeInRange(facts, range);
    if (placement.tier === 'heavier') {
      measures.push(
        'serious case: suspension for rectification or licence revocation may be considered (CRPL art. 56(1))',
      );
    }
    return {
      currency: 'CNY',
      amount: placement.amount,
      min: range.min,
      max: range.max,
      tier: placement.tier,
      trace: traceNode(
        'crpl.fine',
        `Fine under CRPL art. 56(1)(9), formula ${formula.id}`,
        formula.citation,
        show(placement.amount),
        [basis, limitation.node, rangeNode, placement.node],
      ),
      assumed: [...assumed, ...placement.assumed],
      notes,
      measures,
    };
  }

  private range(
    facts: PenaltyFacts,
    date: string,
    assumed: AssumedFact[],
  ): { range: StatutoryRange; rangeNode: TraceNode } {
    const gains = facts.illegalGains;
    if (gains && gains.currency !== 'CNY') {
      throw new DomainError(
        PENALTY_ERRORS.CURRENCY_MISMATCH,
        `cn-crpl-56: illegal gains must be in CNY, got ${gains.currency}`,
      );
    }
    if (gains && new MoneyDecimal(gains.amount).greaterThan(0)) {
      const lo = CRPL_PARAMETERS.at('gainsMultipleMin', date);
      const hi = CRPL_PARAMETERS.at('gainsMultipleMax', date);
      const g = new MoneyDecimal(gains.amount);
      const range = { min: g.times(lo.value), max: g.times(hi.value), hasFloor: true };
      return {
        range,
        rangeNode: traceNode(
          'crpl.range',
          `Illegal gains CNY ${gains.amount}: fine ${lo.value}× to ${hi.value}× the gains`,
          lo.citation,
          `${show(range.min)}–${show(range.max)}`,
          [
            traceNode('input.illegalGains', 'Illegal gains established', 'facts document', gains.amount),
            parameterNode(lo),
            parameterNode(hi),
          ],
        ),
      };
    }
    const cap = CRPL_PARAMETERS.at('noGainsCap', date);
    if (gains === null) {
      assumed.push({
        field: 'illegalGains',
        assumption:
          'treated as not computable, so the no-gains branch (up to CNY 500,000, no minimum) applies, as in the Ningbo and Shunde decisions; established gains G would make the range G to 10×G instead',
      });
    }
    return {
      range: { min: new MoneyDecimal(0), max: new MoneyDecimal(cap.value), hasFloor: false },
      rangeNode: traceNode(
        'crpl.range',
        gains === null
          ? 'Illegal gains not established: fine of up to the cap'
          : 'No illegal gains: fine of up to the cap',
        cap.citation,
        `0–${cap.value}`,
        [parameterNode(cap)],
      ),
    };
  }
}
