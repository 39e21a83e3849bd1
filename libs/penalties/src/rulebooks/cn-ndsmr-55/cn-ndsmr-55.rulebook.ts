import { MoneyDecimal } from '@app/common';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { Infringement, PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { traceNode } from '../../core/trace';
import { applicableDuties, checkLimitation, lawDate, placeInRange } from '../cn-apl/cn-discretion';
import aplParameters from '../cn-apl/parameters.json';
import parameters from './parameters.json';

export const NDSMR_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/** Infringements that breach NDSMR art. 22 (consent rules for personal information, §1.6 of the reference). */
const ART_22: Partial<Record<Infringement, string>> = {
  NO_CONSENT: 'art. 22(2): biometric PI processed on consent requires separate consent',
  NOT_SEPARATE_CONSENT: 'art. 22(2): no separate consent for biometric PI',
  MINOR_WITHOUT_GUARDIAN_CONSENT: 'art. 22(2): no valid consent for sensitive PI',
  EXCESSIVE_COLLECTION: 'art. 22(1): collection beyond what the service needs',
  FACE_ONLY_ACCESS: 'art. 22(1): consent obtained by coercion (no other way in)',
};

/**
 * China, Network Data Security Management Regulations art. 55 (conduct from 2025-01-01): warning and order to
 * correct; a fine of up to CNY 1m only on refusal to correct or in serious cases.
 */
export class CnNdsmr55Rulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'cn-ndsmr-55',
    version: `${parameters.version}+cn-apl.${aplParameters.version}`,
    jurisdiction: 'CN',
    title: 'China — Network Data Security Management Regulations art. 55 (from 2025-01-01)',
    currency: 'CNY',
    validFrom: NDSMR_PARAMETERS.earliestDate(),
    isDefault: false,
    summary: 'Art. 22 consent breaches: fine ≤ CNY 1m only on refusal to correct or if serious',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const duties = applicableDuties(this.info, facts, ART_22, {
      name: 'Regulations',
      inForceArticle: 'art. 64',
      dutyName: 'art. 22',
    });
    const date = lawDate(facts);
    const assumed: AssumedFact[] = [];
    const basis = traceNode(
      'ndsmr.basis',
      `Breaches of NDSMR art. 22: ${duties.map((d) => `${d} — ${ART_22[d]}`).join('; ')}`,
      'Network Data Security Management Regulations arts. 22, 55',
      'NDSMR art. 55',
    );
    const limitation = checkLimitation(facts);
    const refused = facts.circumstances.refusedCorrection === true;
    const serious = facts.seriousness === 'high';
    if (facts.circumstances.refusedCorrection === null && !serious) {
      assumed.push({ field: 'circumstances.refusedCorrection', assumption: 'assumed no refusal to correct' });
    }
    if (facts.seriousness === null && !refused) {
      assumed.push({ field: 'seriousness', assumption: 'assumed not serious' });
    }
    const cap = NDSMR_PARAMETERS.at('cap', date);
    const resp = NDSMR_PARAMETERS.at('responsible', date);
    const open = refused || serious;
    const measures = ['order to correct, warning, confiscation of illegal gains (NDSMR art. 55)'];
    if (open) measures.push(`directly responsible persons: CNY ${resp.value} each (${resp.citation})`);
    if (serious) measures.push('serious case: suspension of business or licence revocation (NDSMR art. 55)');
    const max = open ? new MoneyDecimal(cap.value) : new MoneyDecimal(0);
    const rangeNode = traceNode(
      'ndsmr.range',
      open
        ? `Fine available: ${[refused ? 'refusal to correct' : '', serious ? 'serious case' : ''].filter(Boolean).join(' and ')}`
        : 'No fine without a refusal to correct or a serious case',
      cap.citation,
      `0–${show(max)}`,
      [parameterNode(cap)],
    );
    const zero = new MoneyDecimal(0);
    if (limitation.barred || !open) {
      return {
        currency: 'CNY',
        amount: zero,
        min: zero,
        max: zero,
        tier: limitation.barred ? 'time-barred' : 'no-fine',
        trace: traceNode('ndsmr.fine', 'No fine', limitation.barred ? 'APL art. 36' : cap.citation, '0', [
          basis,
          limitation.node,
          rangeNode,
        ]),
        assumed,
        notes: limitation.notes,
        measures: limitation.barred ? [] : measures,
      };
    }
    const placement = placeInRange(
      facts,
      { min: zero, max, hasFloor: false },
      { consumed: refused ? ['refusedCorrection'] : [] },
    );
    return {
      currency: 'CNY',
      amount: placement.amount,
      min: zero,
      max,
      tier: placement.tier,
      trace: traceNode('ndsmr.fine', 'Fine under NDSMR art. 55', cap.citation, show(placement.amount), [
        basis,
        limitation.node,
        rangeNode,
        placement.node,
      ]),
      assumed: [...assumed, ...placement.assumed],
      notes: limitation.notes,
      measures,
    };
  }
}
