import { MoneyDecimal } from '@app/common';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { Infringement, PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { resolveRules, type Rule } from '../../core/rules';
import { traceNode, type TraceNode } from '../../core/trace';
import { applicableDuties, checkLimitation, lawDate, placeInRange } from '../cn-apl/cn-discretion';
import aplParameters from '../cn-apl/parameters.json';
import parameters from './parameters.json';

export const PIPL_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/** The PIPL duty each infringement breaches (articles as summarised in the reference, §1.5). */
const PIPL_DUTIES: Partial<Record<Infringement, string>> = {
  NO_CONSENT: 'arts. 13, 14, 29: no lawful basis; sensitive PI without separate consent',
  CONSENT_AFTER_CAPTURE: 'arts. 13, 14: consent not obtained before processing',
  CONSENT_WITHDRAWN: 'arts. 13, 14: processing after consent was withdrawn',
  CONSENT_EXPIRED: 'arts. 13, 14: processing without a current consent',
  NOT_SEPARATE_CONSENT: 'art. 29: biometric (sensitive) PI without separate consent',
  MINOR_WITHOUT_GUARDIAN_CONSENT: 'art. 28: PI of children under 14 is sensitive; no guardian consent',
  PURPOSE_NOT_COVERED: 'art. 14: new consent needed when the purpose changes',
  NO_NOTICE: 'arts. 17, 30: no prior notice of purpose, method, necessity and effect',
  EXCESSIVE_COLLECTION: 'art. 28: sensitive PI only with sufficient necessity',
  FACE_ONLY_ACCESS: 'arts. 26, 28, 29: face capture imposed without necessity or separate consent',
  NO_IMPACT_ASSESSMENT: 'art. 55: no PI protection impact assessment before processing sensitive PI',
  INSECURE_STORAGE: 'art. 51: security measures',
  THIRD_PARTY_DISCLOSURE: 'arts. 13, 14: providing PI to others without a basis',
};

type PiplTier = 'serious' | 'refusal' | 'order-only';
interface Ctx {
  facts: PenaltyFacts;
}

/** Art. 66's tiers as a general rule with declared exceptions. */
const TIER_RULES: readonly Rule<Ctx, PiplTier>[] = [
  {
    id: 'pipl66.order-only',
    description: 'General rule: order to correct, warning, confiscation; no fine',
    citation: 'PIPL art. 66(1)',
    applies: () => true,
    conclude: () => 'order-only',
  },
  {
    id: 'pipl66.refusal',
    description: 'The processor refused to correct: fine of up to CNY 1,000,000',
    citation: 'PIPL art. 66(1)',
    applies: (x) => x.facts.circumstances.refusedCorrection === true,
    conclude: () => 'refusal',
    overrides: ['pipl66.order-only'],
  },
  {
    id: 'pipl66.serious',
    description:
      'Serious case (seriousness "high"): fine of up to CNY 50,000,000 or 5 % of last year\u2019s turnover',
    citation: 'PIPL art. 66(2)',
    applies: (x) => x.facts.seriousness === 'high',
    conclude: () => 'serious',
    overrides: ['pipl66.order-only', 'pipl66.refusal'],
  },
];

/**
 * China, PIPL art. 66: no fine unless the processor refuses to correct (66(1), up to CNY 1m) or the case is
 * serious (66(2), up to CNY 50m or 5 % of turnover), placed by the shared discretion model.
 */
export class CnPipl66Rulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'cn-pipl-66',
    version: `${parameters.version}+cn-apl.${aplParameters.version}`,
    jurisdiction: 'CN',
    title: 'China — Personal Information Protection Law art. 66',
    currency: 'CNY',
    validFrom: PIPL_PARAMETERS.earliestDate(),
    isDefault: false,
    summary: 'Fine only on refusal to correct (≤ CNY 1m); serious cases ≤ CNY 50m or 5 % of turnover',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const duties = applicableDuties(this.info, facts, PIPL_DUTIES, {
      name: 'PIPL',
      inForceArticle: 'art. 74',
      dutyName: 'a PIPL duty',
    });
    const date = lawDate(facts);
    const assumed: AssumedFact[] = [];
    const notes: string[] = [];
    const basis = traceNode(
      'pipl.basis',
      `Breaches of PIPL duties: ${duties.map((d) => `${d} — ${PIPL_DUTIES[d]}`).join('; ')}`,
      'PIPL arts. 13-14, 17, 26, 28-30, 51, 55 and 66',
      'PIPL art. 66',
    );
    const limitation = checkLimitation(facts);
    notes.push(...limitation.notes);
    if (facts.seriousness === null) {
      assumed.push({
        field: 'seriousness',
        assumption: 'assumed not serious: art. 66(1) applies, not 66(2)',
      });
    }
    if (facts.circumstances.refusedCorrection === null) {
      assumed.push({
        field: 'circumstances.refusedCorrection',
        assumption: 'assumed the processor did not refuse to correct, so art. 66(1) allows no fine',
      });
    }
    const tier = resolveRules('PIPL art. 66 tier', TIER_RULES, { facts });
    const tierNode = traceNode(
      'pipl.tier',
      tier.rule.description + (tier.defeated.length ? ` (defeats: ${tier.defeated.join(', ')})` : ''),
      tier.rule.citation,
      tier.value,
    );
    const { max, rangeNode, measures } = this.range(tier.value, facts, date, notes);
    const zero = new MoneyDecimal(0);
    if (limitation.barred || max.isZero()) {
      return {
        currency: 'CNY',
        amount: zero,
        min: zero,
        max: zero,
        tier: limitation.barred ? 'time-barred' : 'no-fine',
        trace: traceNode(
          'pipl.fine',
          limitation.barred
            ? 'No penalty: time-barred'
            : 'No fine: art. 66(1) fines only a refusal to correct',
          limitation.barred ? 'APL art. 36' : 'PIPL art. 66(1)',
          '0',
          [basis, limitation.node, tierNode, rangeNode],
        ),
        assumed,
        notes,
        measures: limitation.barred ? [] : measures,
      };
    }
    const placement = placeInRange(
      facts,
      { min: zero, max, hasFloor: false },
      { consumed: tier.value === 'refusal' ? ['refusedCorrection'] : [] },
    );
    return {
      currency: 'CNY',
      amount: placement.amount,
      min: zero,
      max,
      tier: `${tier.value}/${placement.tier}`,
      trace: traceNode('pipl.fine', 'Fine under PIPL art. 66', tier.rule.citation, show(placement.amount), [
        basis,
        limitation.node,
        tierNode,
        rangeNode,
        placement.node,
      ]),
      assumed: [...assumed, ...placement.assumed],
      notes,
      measures,
    };
  }

  private range(
    tier: PiplTier,
    facts: PenaltyFacts,
    date: string,
    notes: string[],
  ): { max: MoneyDecimal; rangeNode: TraceNode; measures: string[] } {
    const measures = [
      'order to correct, warning, confiscation of illegal gains; suspension or termination of the service (PIPL art. 66(1))',
      'entry in the credit file and publication (PIPL art. 67)',
    ];
    if (tier === 'order-only') {
      return {
        max: new MoneyDecimal(0),
        rangeNode: traceNode(
          'pipl.range',
          'No fine available under art. 66(1) without a refusal to correct',
          'PIPL art. 66(1)',
          '0–0',
        ),
        measures,
      };
    }
    if (tier === 'refusal') {
      const cap = PIPL_PARAMETERS.at('ordinaryCap', date);
      const resp = PIPL_PARAMETERS.at('responsibleOrdinary', date);
      measures.push(`directly responsible persons: CNY ${resp.value} each (${resp.citation})`);
      return {
        max: new MoneyDecimal(cap.value),
        rangeNode: traceNode(
          'pipl.range',
          'Refusal to correct: fine of up to the cap',
          cap.citation,
          `0–${cap.value}`,
          [parameterNode(cap)],
        ),
        measures,
      };
    }
    const cap = PIPL_PARAMETERS.at('seriousCap', date);
    const share = PIPL_PARAMETERS.at('seriousTurnoverShare', date);
    const resp = PIPL_PARAMETERS.at('responsibleSerious', date);
    measures.push(
      'serious case: suspension of business, revocation of permits or licence (PIPL art. 66(2)); only a provincial-level or higher authority may impose it',
      `directly responsible persons: CNY ${resp.value} each and a possible ban from management posts (${resp.citation})`,
    );
    const turnover = facts.firm.annualTurnover;
    const children: TraceNode[] = [parameterNode(cap), parameterNode(share)];
    let max = new MoneyDecimal(cap.value);
    if (turnover && turnover.currency === 'CNY') {
      const byTurnover = new MoneyDecimal(turnover.amount).times(share.value);
      children.push(
        traceNode(
          'pipl.turnover-cap',
          `5 % of last year\u2019s turnover CNY ${turnover.amount}`,
          share.citation,
          show(byTurnover),
        ),
      );
      if (byTurnover.greaterThan(max)) max = byTurnover;
      notes.push(
        'PIPL art. 66(2) joins the CNY 50m and 5 %-of-turnover caps with "or" and does not say "whichever is higher"; bioaudit takes the higher as the range maximum so that an officer choosing the turnover cap stays inside it.',
      );
    } else {
      notes.push(
        turnover
          ? `turnover given in ${turnover.currency}, not CNY: the 5 % cap was not computed; the CNY 50m cap applies.`
          : 'annual turnover unknown: only the CNY 50m cap of art. 66(2) was used; 5 % of a turnover above CNY 1bn would raise the maximum.',
      );
    }
    return {
      max,
      rangeNode: traceNode(
        'pipl.range',
        'Serious case: fine of up to the cap',
        cap.citation,
        `0–${show(max)}`,
        children,
      ),
      measures,
    };
  }
}
