import { DomainError, MoneyDecimal } from '@app/common';
import { PENALTY_ERRORS } from '../../penalties.errors';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { Infringement, PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { traceNode, type TraceNode } from '../../core/trace';
import parameters from './parameters.json';

export const BIPA_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/** Infringements that are a §15(b) collection without written notice and release. */
const SECTION_15B: readonly Infringement[] = [
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

const AMENDMENT = '2024-08-02';
const D = (v: string | number) => new MoneyDecimal(v);
const param = parameterNode;

function days(from: string, to: string): number {
  return Math.max(0, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Illinois BIPA exposure in a private action: liquidated damages per §15(b) violation — per scan for conduct
 * before 2 Aug 2024 (Cothron), per person and method from then on (P.A. 103-0769). Not a fine: a court awards it.
 */
export class UsIlBipaRulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'us-il-bipa',
    version: parameters.version,
    jurisdiction: 'US-IL',
    title: 'Illinois — Biometric Information Privacy Act §20 (liquidated-damages exposure)',
    currency: 'USD',
    validFrom: BIPA_PARAMETERS.earliestDate(),
    isDefault: true,
    summary:
      'USD 1,000 negligent / 5,000 intentional or reckless per violation; per scan before 2 Aug 2024, per person after',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const hits = facts.infringements.filter((i) => SECTION_15B.includes(i));
    if (hits.length === 0) {
      throw new DomainError(
        PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
        `us-il-bipa: none of the infringements (${facts.infringements.join(', ') || 'none'}) is a §15(b) collection without notice and release`,
        { rulebook: this.info.id },
      );
    }
    const assumed: AssumedFact[] = [];
    const notes: string[] = [
      'BIPA gives a private right of action: this is the liquidated-damages exposure a court may award (actual damages if greater, plus fees and costs, 740 ILCS 14/20), not an administrative fine.',
    ];
    const { from, to } = facts.conduct;
    const totalDays = days(from, to);
    const preDays = to < AMENDMENT ? totalDays : from >= AMENDMENT ? 0 : days(from, '2024-08-01');
    const postDays = totalDays - preDays;
    const children: TraceNode[] = [];

    let perScan = D(0);
    if (preDays > 0) {
      const unit = BIPA_PARAMETERS.at('violationUnit', from);
      let captures: MoneyDecimal;
      if (facts.captureEvents !== null) {
        captures = D(facts.captureEvents);
      } else {
        captures = D(facts.affectedPersons ?? 1);
        assumed.push({
          field: 'captureEvents',
          assumption: `assumed one scan per affected person (${show(captures)}), the fewest possible under the per-scan rule`,
        });
      }
      // Captures are spread evenly over the conduct when it straddles the amendment; stated, not hidden.
      perScan =
        postDays > 0
          ? captures.times(preDays).div(totalDays).toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_UP)
          : captures;
      if (postDays > 0) {
        notes.push(
          `Conduct straddles 2 Aug 2024: ${preDays} of ${totalDays} days fall before it; the captures were assumed evenly spread, giving ${show(perScan)} per-scan violations before the amendment.`,
        );
      }
      children.push(
        traceNode(
          'bipa.violations.per-scan',
          `Conduct before ${AMENDMENT}: each scan without prior consent is a violation (${preDays} days)`,
          unit.citation,
          show(perScan),
          [param(unit)],
        ),
      );
    }
    let perPerson = D(0);
    if (postDays > 0) {
      const unit = BIPA_PARAMETERS.at('violationUnit', to);
      if (facts.affectedPersons !== null) {
        perPerson = D(facts.affectedPersons);
      } else {
        perPerson = D(1);
        assumed.push({
          field: 'affectedPersons',
          assumption: 'assumed 1 person (the fewest possible) for the per-person rule',
        });
      }
      children.push(
        traceNode(
          'bipa.violations.per-person',
          `Conduct from ${AMENDMENT}: repeated collection from the same person by the same method (face geometry) is one violation`,
          unit.citation,
          show(perPerson),
          [param(unit)],
        ),
      );
      if (preDays > 0) {
        notes.push(
          'Persons scanned both before and after 2 Aug 2024 are counted once after it, on top of the earlier per-scan violations.',
        );
      }
    }
    const violations = perScan.plus(perPerson);
    const count = traceNode(
      'bipa.violations',
      '§15(b) violations counted by the rule in force for each part of the conduct',
      '740 ILCS 14/15(b), 14/20',
      show(violations),
      children,
    );

    const negligent = BIPA_PARAMETERS.at('negligentDamages', to);
    const intentional = BIPA_PARAMETERS.at('intentionalDamages', to);
    if (facts.circumstances.intentional === null) {
      assumed.push({
        field: 'circumstances.intentional',
        assumption: 'assumed negligent (intent or recklessness not established)',
      });
    }
    const isIntentional = facts.circumstances.intentional === true;
    const rate = D(isIntentional ? intentional.value : negligent.value);
    const amount = violations.times(rate);
    if (facts.infringements.includes('THIRD_PARTY_DISCLOSURE')) {
      notes.push(
        '§15(d) disclosures are separate violations (per transmission before 2 Aug 2024, per recipient after); their count is not in the facts and is not included.',
      );
    }
    return {
      currency: 'USD',
      amount,
      min: violations.times(negligent.value),
      max: violations.times(intentional.value),
      tier: isIntentional ? 'intentional-or-reckless' : 'negligent',
      trace: traceNode(
        'bipa.exposure',
        `${show(violations)} violations × USD ${show(rate)} (${isIntentional ? 'intentional or reckless' : 'negligent'})`,
        isIntentional ? intentional.citation : negligent.citation,
        show(amount),
        [count, param(negligent), param(intentional)],
      ),
      assumed,
      notes,
      measures: [
        'injunction and other relief (740 ILCS 14/20(4))',
        'reasonable attorneys\u2019 fees and costs (740 ILCS 14/20(3))',
      ],
    };
  }
}
