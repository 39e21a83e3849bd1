import { DomainError, MoneyDecimal } from '@app/common';
import { PENALTY_ERRORS } from '../../penalties.errors';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { Infringement, PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { traceNode } from '../../core/trace';
import parameters from './parameters.json';

export const CUBI_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/** Capture for a commercial purpose without prior notice and consent (§503.001(b)). */
const SECTION_B: readonly Infringement[] = [
  'NO_CONSENT',
  'NO_EXPRESS_CONSENT',
  'CONSENT_AFTER_CAPTURE',
  'CONSENT_WITHDRAWN',
  'CONSENT_EXPIRED',
  'NOT_SEPARATE_CONSENT',
  'MINOR_WITHOUT_GUARDIAN_CONSENT',
  'NO_NOTICE',
  'PURPOSE_NOT_COVERED',
  'FACE_ONLY_ACCESS',
];

/**
 * Texas CUBI: a civil penalty of up to USD 25,000 per violation in an Attorney General action. The statute
 * gives no scale below the cap, so the proposal is the maximum exposure, counted per person.
 */
export class UsTxCubiRulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'us-tx-cubi',
    version: parameters.version,
    jurisdiction: 'US-TX',
    title: 'Texas — Capture or Use of Biometric Identifier Act, Bus. & Com. Code §503.001',
    currency: 'USD',
    validFrom: CUBI_PARAMETERS.earliestDate(),
    isDefault: true,
    summary: 'Up to USD 25,000 per violation; Attorney General only',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const hits = facts.infringements.filter((i) => SECTION_B.includes(i) || i === 'THIRD_PARTY_DISCLOSURE');
    if (hits.length === 0) {
      throw new DomainError(
        PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
        `us-tx-cubi: none of the infringements (${facts.infringements.join(', ') || 'none'}) breaches §503.001(b) or (c)`,
        { rulebook: this.info.id },
      );
    }
    const assumed: AssumedFact[] = [];
    const cap = CUBI_PARAMETERS.at('penaltyPerViolation', facts.conduct.to);
    let violations: MoneyDecimal;
    if (facts.affectedPersons !== null) {
      violations = new MoneyDecimal(facts.affectedPersons);
    } else if (facts.captureEvents !== null) {
      violations = new MoneyDecimal(facts.captureEvents);
      assumed.push({
        field: 'affectedPersons',
        assumption: `counted one violation per capture (${facts.captureEvents}), an upper bound on the persons affected`,
      });
    } else {
      violations = new MoneyDecimal(1);
      assumed.push({ field: 'affectedPersons', assumption: 'assumed 1 person (no count known)' });
    }
    const max = violations.times(cap.value);
    const notes = [
      'CUBI is enforced only by the Attorney General in court; the court sets the penalty up to the cap. The statute gives no scale below it, so the proposal is the maximum exposure.',
      'Violations are counted per person whose identifier was captured without notice and consent; counting per capture would multiply the exposure by the captures per person; the statute does not say which unit applies.',
    ];
    if (facts.conduct.to >= '2026-01-01') {
      notes.push(
        '§503.001(b-1) (from 1 Jan 2026): an image available online is not notice or consent unless the person made it public. A reported §503.001(e) AI-training exclusion is UNCONFIRMED and not applied.',
      );
    }
    return {
      currency: 'USD',
      amount: max,
      min: new MoneyDecimal(0),
      max,
      tier: 'maximum-exposure',
      trace: traceNode(
        'cubi.exposure',
        `${show(violations)} violations × up to USD ${cap.value}`,
        cap.citation,
        show(max),
        [
          traceNode(
            'cubi.violations',
            'Persons captured for a commercial purpose without prior notice and consent',
            'Tex. Bus. & Com. Code §503.001(b)',
            show(violations),
          ),
          parameterNode(cap),
        ],
      ),
      assumed,
      notes,
      measures: ['Attorney General action for the civil penalty (§503.001(d)); no private right of action'],
    };
  }
}
