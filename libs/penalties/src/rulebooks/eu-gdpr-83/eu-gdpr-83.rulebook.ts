import { DomainError, MoneyDecimal } from '@app/common';
import { PENALTY_ERRORS } from '../../penalties.errors';
import type {
  AssessOptions,
  AssumedFact,
  Rulebook,
  RulebookInfo,
  RulebookResult,
  TurnoverUnknownPolicy,
} from '../../core/assessment';
import type { Infringement, PenaltyFacts, Seriousness } from '../../core/facts';
import {
  ParameterSet,
  parameterNode,
  type ParameterFile,
  type ResolvedParameter,
} from '../../core/parameters';
import { conductMonths } from '../../core/precedents';
import { show } from '../../core/rounding';
import { formulaAt, resolveRules, type DatedFormula, type Rule } from '../../core/rules';
import { traceNode, type TraceNode } from '../../core/trace';
import parameters from './parameters.json';
import sePublicParameters from '../eu-gdpr-83-se-public/parameters.json';

export const GDPR_PARAMETERS = new ParameterSet(parameters as ParameterFile);
export const SE_PUBLIC_PARAMETERS = new ParameterSet(sePublicParameters as ParameterFile);

type Paragraph = '83(4)' | '83(5)';
type ConductKind = 'processing' | 'access-rights' | 'representative';

/** Each infringement's GDPR articles and fine paragraph (reference §2.1). */
const CLASSIFICATION: Record<Infringement, { articles: string; paragraph: Paragraph }> = {
  NO_CONSENT: { articles: 'arts. 6(1), 9(1)', paragraph: '83(5)' },
  NO_EXPRESS_CONSENT: { articles: 'arts. 6(1), 9(1)', paragraph: '83(5)' },
  CONSENT_AFTER_CAPTURE: { articles: 'arts. 6(1), 7, 9(1)', paragraph: '83(5)' },
  CONSENT_WITHDRAWN: { articles: 'arts. 6(1), 7(3), 9(1)', paragraph: '83(5)' },
  CONSENT_EXPIRED: { articles: 'arts. 6(1), 9(1)', paragraph: '83(5)' },
  NOT_SEPARATE_CONSENT: { articles: 'art. 9(1) (no explicit consent under 9(2)(a))', paragraph: '83(5)' },
  MINOR_WITHOUT_GUARDIAN_CONSENT: { articles: 'art. 8', paragraph: '83(4)' },
  PURPOSE_NOT_COVERED: { articles: 'art. 5(1)(b)', paragraph: '83(5)' },
  FACE_ONLY_ACCESS: { articles: 'arts. 7(4), 9(1) (consent not freely given)', paragraph: '83(5)' },
  NO_NOTICE: { articles: 'arts. 12, 13, 14', paragraph: '83(5)' },
  NO_IMPACT_ASSESSMENT: { articles: 'art. 35', paragraph: '83(4)' },
  EXCESSIVE_COLLECTION: { articles: 'art. 5(1)(c)', paragraph: '83(5)' },
  THIRD_PARTY_DISCLOSURE: { articles: 'arts. 5(1)(b), 6(1)', paragraph: '83(5)' },
  INSECURE_STORAGE: { articles: 'art. 32', paragraph: '83(4)' },
  RETENTION_EXCEEDED: { articles: 'art. 5(1)(e)', paragraph: '83(5)' },
  NO_RETENTION_POLICY: { articles: 'art. 5(1)(e)', paragraph: '83(5)' },
  NO_PRIVACY_BY_DESIGN: { articles: 'art. 25', paragraph: '83(4)' },
  ACCESS_REQUEST_IGNORED: { articles: 'arts. 12, 15', paragraph: '83(5)' },
  NO_REPRESENTATIVE: { articles: 'art. 27', paragraph: '83(4)' },
};

/**
 * EDPB step 1 as rules: by default every infringement is part of the one linked processing (art. 83(3));
 * refusing access requests and lacking an EU representative are separate conducts, as the AP held for
 * Clearview (para. 193: later in time, a different group of data subjects).
 */
const CONDUCT_RULES: readonly Rule<Infringement, ConductKind>[] = [
  {
    id: 'conduct.linked-processing',
    description: 'Same or linked processing operations: one conduct, capped at the gravest infringement',
    citation: 'GDPR art. 83(3); EDPB Guidelines 04/2022 step 1',
    applies: () => true,
    conclude: () => 'processing',
  },
  {
    id: 'conduct.access-rights',
    description: 'Not answering access requests is a separate sanctionable conduct',
    citation: 'AP v Clearview (16 May 2024) para. 193',
    applies: (i) => i === 'ACCESS_REQUEST_IGNORED',
    conclude: () => 'access-rights',
    overrides: ['conduct.linked-processing'],
  },
  {
    id: 'conduct.representative',
    description: 'Not designating an EU representative is a separate conduct',
    citation: 'GDPR art. 27; AP v Clearview para. 225 (separate order)',
    applies: (i) => i === 'NO_REPRESENTATIVE',
    conclude: () => 'representative',
    overrides: ['conduct.linked-processing'],
  },
];

/** Where the EDPB method stands relative to the decision date. */
type MethodNote = string | null;
const FORMULAS: readonly DatedFormula<MethodNote>[] = [
  {
    id: 'edpb-04-2022-retro',
    from: '2018-05-25',
    until: '2022-05-12',
    citation: 'GDPR art. 83; EDPB Guidelines 04/2022 applied as bioaudit\u2019s method',
    formula:
      'The decision date precedes EDPB Guidelines 04/2022 (consultation 12 May 2022, final 24 May 2023): the authority did not use this method; its parameters are applied as in force on 2022-05-12.',
  },
  {
    id: 'edpb-04-2022',
    from: '2022-05-12',
    citation: 'GDPR art. 83; EDPB Guidelines 04/2022 (v2.1, 24 May 2023)',
    formula: null,
  },
];

const D = (v: string | number) => new MoneyDecimal(v);
const clamp01 = (d: MoneyDecimal) => MoneyDecimal.min(D(1), MoneyDecimal.max(D(0), d));
const score = (d: MoneyDecimal) => d.toDecimalPlaces(4, MoneyDecimal.ROUND_HALF_UP);
const param = parameterNode;

/** The national exception a rulebook variant declares for its legal maximum. */
interface MaximumException {
  currency: string;
  cap: (date: string) => ResolvedParameter;
  description: string;
}

interface ConductResult {
  node: TraceNode;
  amount: MoneyDecimal;
  max: MoneyDecimal;
}

/**
 * GDPR art. 83 with the EDPB Guidelines 04/2022 five steps: conducts and the art. 83(3) cap, seriousness band
 * of the legal maximum, size adjustment, aggravating and mitigating factors counted once, legal maximum.
 */
export class EuGdpr83Rulebook implements Rulebook {
  readonly info: RulebookInfo;

  constructor(private readonly exception: MaximumException | null = null) {
    this.info = exception
      ? {
          id: 'eu-gdpr-83-se-public',
          version: `${sePublicParameters.version}+eu-gdpr-83.${parameters.version}`,
          jurisdiction: 'EU',
          title: 'EU — GDPR art. 83 / EDPB 04/2022, Swedish public authority (SEK 10m cap)',
          currency: exception.currency,
          validFrom: '2018-05-25',
          isDefault: false,
          summary: exception.description,
        }
      : {
          id: 'eu-gdpr-83',
          version: parameters.version,
          jurisdiction: 'EU',
          title: 'EU — GDPR art. 83 with the EDPB Guidelines 04/2022 method',
          currency: 'EUR',
          validFrom: '2018-05-25',
          isDefault: true,
          summary:
            'EUR 10m/2 % or 20m/4 % (whichever higher); EDPB seriousness bands, size adjustment, art. 83(3)',
        };
  }

  assess(facts: PenaltyFacts, options: AssessOptions = {}): RulebookResult {
    const lawDate = facts.conduct.to;
    const method = formulaAt(this.info.id, FORMULAS, facts.decisionDate);
    const edpbDate = method.formula === null ? facts.decisionDate : '2022-05-12';
    const assumed: AssumedFact[] = [];
    const notes: string[] = method.formula ? [method.formula] : [];
    if (facts.infringements.length === 0) {
      throw new DomainError(
        PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
        `${this.info.id}: no infringement given`,
        {
          rulebook: this.info.id,
        },
      );
    }

    const groups = new Map<ConductKind, Infringement[]>();
    const groupingNodes: TraceNode[] = [];
    for (const i of facts.infringements) {
      const r = resolveRules(`conduct of ${i}`, CONDUCT_RULES, i);
      groups.set(r.value, [...(groups.get(r.value) ?? []), i]);
      groupingNodes.push(
        traceNode(
          `step1.${i}`,
          `${i} (${CLASSIFICATION[i].articles}): ${r.rule.description}`,
          r.rule.citation,
          r.value,
        ),
      );
    }
    const step1 = traceNode(
      'step1.conducts',
      'Step 1: processing operations and conducts',
      'EDPB Guidelines 04/2022 step 1; GDPR art. 83(3)',
      [...groups.keys()].join(', '),
      groupingNodes,
    );

    const seriousness = this.seriousness(facts, assumed);
    const turnover = this.turnover(facts, notes);
    const policy: TurnoverUnknownPolicy = options.turnoverUnknownPolicy ?? 'no-reduction';
    const conducts: ConductResult[] = [...groups.entries()].map(([kind, infringements]) =>
      this.conduct(
        kind,
        infringements,
        facts,
        { lawDate, edpbDate, seriousness, turnover, policy },
        assumed,
        notes,
      ),
    );
    const amount = conducts.reduce((a, c) => a.plus(c.amount), D(0));
    const max = conducts.reduce((a, c) => a.plus(c.max), D(0));
    if (turnover === null && !this.exception) {
      assumed.push({
        field: 'firm.annualTurnover',
        assumption:
          policy === 'no-reduction'
            ? 'policy "no-reduction" (AP v Clearview paras. 208-210): no size adjustment and the static maximum as the legal maximum; policy "smallest-band" (Austrian DSB practice) would scale the starting amount to 0.2-0.4 %'
            : 'policy "smallest-band" (Austrian DSB practice): turnover taken to be in the smallest band (≤ EUR 2m, 0.2-0.4 % of the starting amount); policy "no-reduction" (AP v Clearview) would apply no reduction',
      });
    }
    notes.push(
      'Step 5 (effectiveness, dissuasiveness, proportionality; inability to pay) is left to the officer: the method makes no automatic adjustment (EDPB Guidelines 04/2022 step 5).',
    );
    return {
      currency: this.info.currency,
      amount,
      min: D(0),
      max,
      tier: `${seriousness.level}`,
      trace: traceNode(
        'gdpr.fine',
        `Total of ${conducts.length} conduct(s) under ${method.id}`,
        method.citation,
        show(amount),
        [step1, seriousness.node, ...conducts.map((c) => c.node)],
      ),
      assumed,
      notes,
      measures: [
        'order to bring processing into compliance or to stop it (GDPR art. 58(2)(d), (f))',
        'orders may carry penalty payments under national law (as in AP v Clearview)',
      ],
    };
  }

  /** Seriousness from the officer, else derived by a stated point rule. */
  private seriousness(facts: PenaltyFacts, assumed: AssumedFact[]): { level: Seriousness; node: TraceNode } {
    if (facts.seriousness !== null) {
      return {
        level: facts.seriousness,
        node: traceNode(
          'step2.seriousness',
          'Seriousness as assessed by the officer',
          'GDPR art. 83(2)(a), (b), (g); EDPB Guidelines 04/2022 paras. 52-60',
          facts.seriousness,
        ),
      };
    }
    const months = conductMonths(facts.conduct.from, facts.conduct.to);
    const points: [string, number][] = [
      ['biometric data for unique identification is a special category (art. 9, 83(2)(g))', 1],
    ];
    if (facts.minorsAffected === true) points.push(['minors affected (83(2)(a))', 1]);
    if (facts.circumstances.intentional === true) points.push(['intentional (83(2)(b))', 1]);
    if ((facts.affectedPersons ?? 0) >= 10_000 || (facts.captureEvents ?? 0) >= 1_000_000)
      points.push(['large scale: ≥ 10,000 persons or ≥ 1,000,000 captures (83(2)(a))', 1]);
    if (facts.affectedPersons !== null && facts.affectedPersons < 100)
      points.push(['fewer than 100 data subjects', -1]);
    if (months >= 12) points.push(['lasted a year or more (83(2)(a))', 1]);
    if (months < 1) points.push(['lasted less than a month', -1]);
    const total = points.reduce((a, [, p]) => a + p, 0);
    const level: Seriousness = total >= 3 ? 'high' : total === 2 ? 'medium' : 'low';
    assumed.push({
      field: 'seriousness',
      assumption: `derived as "${level}" from ${total} point(s): ${points.map(([t, p]) => `${p > 0 ? '+' : ''}${p} ${t}`).join('; ')} (≥ 3 high, 2 medium, ≤ 1 low)`,
    });
    return {
      level,
      node: traceNode(
        'step2.seriousness',
        `Seriousness derived by points (≥ 3 high, 2 medium, ≤ 1 low): ${points.map(([t, p]) => `${p > 0 ? '+' : ''}${p} ${t}`).join('; ')}`,
        'GDPR art. 83(2)(a), (b), (g); bioaudit point rule (docs/rulebooks/eu-gdpr-83.md)',
        level,
      ),
    };
  }

  private turnover(facts: PenaltyFacts, notes: string[]): MoneyDecimal | null {
    const t = facts.firm.annualTurnover;
    if (this.exception) return null;
    if (t && t.currency === 'EUR') return D(t.amount);
    if (t)
      notes.push(
        `Turnover given in ${t.currency}, not EUR: treated as unknown (no exchange rate is assumed).`,
      );
    if (facts.firm.turnoverWithheld === true) {
      notes.push(
        'The undertaking withheld its turnover (AP v Clearview para. 210: the authority starts from the static maximum).',
      );
    }
    return null;
  }

  private conduct(
    kind: ConductKind,
    infringements: Infringement[],
    facts: PenaltyFacts,
    ctx: {
      lawDate: string;
      edpbDate: string;
      seriousness: { level: Seriousness };
      turnover: MoneyDecimal | null;
      policy: TurnoverUnknownPolicy;
    },
    assumed: AssumedFact[],
    notes: string[],
  ): ConductResult {
    const { lawDate, edpbDate, turnover } = ctx;
    const gravest: Paragraph = infringements.some((i) => CLASSIFICATION[i].paragraph === '83(5)')
      ? '83(5)'
      : '83(4)';

    // Step 2(i) and step 4: the legal maximum. A national public-authority cap is an exception to art. 83(4)-(5).
    let legalMax: MoneyDecimal;
    let maxNode: TraceNode;
    if (this.exception) {
      const cap = this.exception.cap(lawDate);
      legalMax = D(cap.value);
      maxNode = traceNode('max', this.exception.description, cap.citation, cap.value, [param(cap)]);
    } else {
      const stat = GDPR_PARAMETERS.at(gravest === '83(5)' ? 'cap83_5Static' : 'cap83_4Static', lawDate);
      const share = GDPR_PARAMETERS.at(gravest === '83(5)' ? 'cap83_5Share' : 'cap83_4Share', lawDate);
      const dynamic = turnover ? turnover.times(share.value) : null;
      legalMax = dynamic && dynamic.greaterThan(stat.value) ? dynamic : D(stat.value);
      maxNode = traceNode(
        'max',
        dynamic
          ? `Art. ${gravest}: EUR ${stat.value} or ${share.value} × turnover ${show(turnover!)} = ${show(dynamic)}, whichever is higher`
          : `Art. ${gravest}: static maximum (turnover unknown, so the percentage maximum cannot be computed)`,
        stat.citation,
        show(legalMax),
        [param(stat), param(share)],
      );
      if (!dynamic) {
        notes.push(
          `Conduct ${kind}: legal maximum taken as the static EUR ${stat.value}; with a turnover above EUR ${show(D(stat.value).div(share.value))} the ${share.value} share would be higher.`,
        );
      }
    }

    // Step 2(ii): the seriousness band of the legal maximum and the point inside it.
    const lo = GDPR_PARAMETERS.at('bandLowUpper', edpbDate);
    const mid = GDPR_PARAMETERS.at('bandMediumUpper', edpbDate);
    const hi = GDPR_PARAMETERS.at('bandHighUpper', edpbDate);
    const band =
      ctx.seriousness.level === 'low'
        ? { from: D(0), to: D(lo.value) }
        : ctx.seriousness.level === 'medium'
          ? { from: D(lo.value), to: D(mid.value) }
          : { from: D(mid.value), to: D(hi.value) };
    const position = this.position(facts, edpbDate, assumed);
    const share = band.from.plus(band.to.minus(band.from).times(position.value));
    const starting = legalMax.times(share);
    const startNode = traceNode(
      'step2.starting-amount',
      `Seriousness ${ctx.seriousness.level}: band ${show(band.from.times(100))}-${show(band.to.times(100))} % of the legal maximum; point ${show(position.value)} in the band → ${show(share.times(100))} %`,
      'EDPB Guidelines 04/2022 para. 60',
      show(starting),
      [param(lo), param(mid), param(hi), position.node],
    );

    // Step 2(iii): size adjustment for undertakings up to EUR 500m.
    const size = this.sizeAdjustment(turnover, edpbDate, ctx.policy, notes);
    const adjusted = starting.times(size.factor);
    const sizeNode = traceNode('step2.size', size.description, size.citation, show(adjusted), size.children);

    // Step 3: aggravating and mitigating circumstances, each counted once.
    const factors: [string, MoneyDecimal, ResolvedParameter][] = [];
    const c = facts.circumstances;
    const nonCoop = GDPR_PARAMETERS.at('aggravationNonCooperation', edpbDate);
    if (c.obstructed === true || c.cooperated === false)
      factors.push(['non-cooperation with the authority (83(2)(f))', D(nonCoop.value), nonCoop]);
    const prior = GDPR_PARAMETERS.at('aggravationPrior', edpbDate);
    if ((c.priorViolations ?? 0) > 0)
      factors.push(['previous infringements (83(2)(e))', D(prior.value), prior]);
    const remedy = GDPR_PARAMETERS.at('mitigationRemedy', edpbDate);
    if (c.correctedPromptly === true)
      factors.push(['prompt remedial action (83(2)(c))', D(remedy.value).neg(), remedy]);
    const self = GDPR_PARAMETERS.at('mitigationSelfReport', edpbDate);
    if (c.selfReported === true) factors.push(['self-reported (83(2)(h))', D(self.value).neg(), self]);
    if (c.cooperated === null && c.obstructed === null) {
      assumed.push({
        field: 'circumstances.cooperated',
        assumption: 'cooperation not established: no aggravation for non-cooperation',
      });
    }
    const multiplier = factors.reduce((a, [, f]) => a.plus(f), D(1));
    const afterFactors = adjusted.times(multiplier);
    const step3 = traceNode(
      'step3.circumstances',
      factors.length
        ? `Step 3: × ${show(multiplier)} for ${factors.map(([t, f]) => `${t} ${f.isNegative() ? '' : '+'}${show(f.times(100))} %`).join('; ')}`
        : 'Step 3: no aggravating or mitigating circumstance established',
      'GDPR art. 83(2)(c)-(f), (h)-(k); EDPB Guidelines 04/2022 step 3',
      show(afterFactors),
      factors.map(([, , p]) => param(p)),
    );

    // Step 4: never above the legal maximum (for linked operations, that of the gravest infringement).
    const capped = MoneyDecimal.min(afterFactors, legalMax);
    const step4 = traceNode(
      'step4.cap',
      capped.lessThan(afterFactors)
        ? `Step 4: ${show(afterFactors)} exceeds the legal maximum; capped`
        : 'Step 4: within the legal maximum',
      kind === 'processing' ? 'GDPR art. 83(3)-(5)' : 'GDPR art. 83(4)-(5)',
      show(capped),
      [maxNode],
    );
    const articles = infringements.map(
      (i) => `${i} (${CLASSIFICATION[i].articles}, art. ${CLASSIFICATION[i].paragraph})`,
    );
    return {
      amount: capped,
      max: legalMax,
      node: traceNode(
        `conduct.${kind}`,
        `Conduct "${kind}": ${articles.join('; ')}; gravest infringement under art. ${gravest}`,
        'EDPB Guidelines 04/2022 steps 2-4',
        show(capped),
        [startNode, sizeNode, step3, step4],
      ),
    };
  }

  /** The point inside the seriousness band: "the more serious within its band, the higher" (para. 60). */
  private position(
    facts: PenaltyFacts,
    date: string,
    assumed: AssumedFact[],
  ): { value: MoneyDecimal; node: TraceNode } {
    const unknown = GDPR_PARAMETERS.at('unknownFactorPosition', date);
    const wScale = GDPR_PARAMETERS.at('positionScaleWeight', date);
    const wDuration = GDPR_PARAMETERS.at('positionDurationWeight', date);
    const intent = GDPR_PARAMETERS.at('positionIntent', date);
    const minors = GDPR_PARAMETERS.at('positionMinors', date);
    let scale: MoneyDecimal;
    if (facts.affectedPersons === null) {
      scale = D(unknown.value);
      if (!assumed.some((a) => a.field === 'affectedPersons')) {
        assumed.push({
          field: 'affectedPersons',
          assumption: `scale factor assumed ${unknown.value} (middle of its scale)`,
        });
      }
    } else {
      scale = score(clamp01(D(Math.max(1, facts.affectedPersons)).log(10).div(6)));
    }
    const months = D(conductMonths(facts.conduct.from, facts.conduct.to));
    const duration = score(clamp01(months.div(60)));
    const parts = [
      scale.times(wScale.value),
      duration.times(wDuration.value),
      facts.circumstances.intentional === true ? D(intent.value) : D(0),
      facts.minorsAffected === true ? D(minors.value) : D(0),
    ];
    const value = score(clamp01(parts.reduce((a, b) => a.plus(b), D(0))));
    return {
      value,
      node: traceNode(
        'step2.position',
        `Point in band = ${wScale.value} × scale ${show(scale)} (log10 persons / 6) + ${wDuration.value} × duration ${show(duration)} (months / 60) + intent ${show(parts[2])} + minors ${show(parts[3])}`,
        'EDPB Guidelines 04/2022 para. 60; bioaudit calibration (docs/rulebooks/eu-gdpr-83.md)',
        show(value),
        [param(wScale), param(wDuration), param(intent), param(minors)],
      ),
    };
  }

  private sizeAdjustment(
    turnover: MoneyDecimal | null,
    date: string,
    policy: TurnoverUnknownPolicy,
    notes: string[],
  ): { factor: MoneyDecimal; description: string; citation: string; children: TraceNode[] } {
    const citation = 'EDPB Guidelines 04/2022 paras. 64-66';
    if (this.exception) {
      return {
        factor: D(1),
        description: 'Public authority: no turnover, no size adjustment',
        citation: 'GDPR art. 83(7) (national rules for public bodies)',
        children: [],
      };
    }
    const above = GDPR_PARAMETERS.at('sizeNoAdjustmentAbove', date);
    const bandsParam = GDPR_PARAMETERS.at('sizeBands', date);
    const unconfirmed = GDPR_PARAMETERS.at('unconfirmedBand', date);
    const bands = bandsParam.value.split(';').map((b) => {
      const [upper, range] = b.split(':');
      const [low, high] = range.split('-');
      return { upper: D(upper), low: D(low), high: D(high) };
    });
    if (turnover === null) {
      if (policy === 'no-reduction') {
        return {
          factor: D(1),
          description:
            'Turnover unknown, policy "no-reduction": no size adjustment (AP v Clearview paras. 208-210)',
          citation: 'AP v Clearview (16 May 2024) para. 210; reference addendum A12',
          children: [param(above)],
        };
      }
      const first = bands[0];
      return {
        factor: first.low.plus(first.high).div(2),
        description: `Turnover unknown, policy "smallest-band": the ≤ EUR ${show(first.upper)} band, middle of ${show(first.low.times(100))}-${show(first.high.times(100))} %`,
        citation: 'Austrian DSB 2023-0.583.644 / 2023-0.603.142 practice; reference addendum A12',
        children: [param(bandsParam)],
      };
    }
    if (turnover.greaterThan(above.value)) {
      return {
        factor: D(1),
        description: `Turnover ${show(turnover)} above EUR ${above.value}: no size adjustment`,
        citation,
        children: [param(above)],
      };
    }
    let lower = D(0);
    for (const b of bands) {
      if (turnover.lessThanOrEqualTo(b.upper)) {
        // Linear interpolation on turnover inside the band: a labelled default (addendum A10), not an EDPB rule.
        const t = turnover.minus(lower).div(b.upper.minus(lower));
        const factor = b.low.plus(b.high.minus(b.low).times(t));
        const flagged = b.upper.equals(unconfirmed.value);
        if (flagged) {
          notes.push(
            `UNCONFIRMED parameter used: the EDPB size band EUR ${show(lower)}-${show(b.upper)} (${show(b.low.times(100))}-${show(b.high.times(100))} %) has no confirming source (reference addendum A4); check para. 65 of the Guidelines before relying on this amount.`,
          );
        }
        return {
          factor,
          description: `Turnover ${show(turnover)} in the band EUR ${show(lower)}-${show(b.upper)}: ${show(b.low.times(100))}-${show(b.high.times(100))} % of the starting amount, interpolated linearly on turnover (bioaudit default) → ${show(factor.times(100))} %${flagged ? ' [UNCONFIRMED BAND]' : ''}`,
          citation: flagged ? `${citation} [U]` : citation,
          children: flagged ? [param(bandsParam), param(unconfirmed)] : [param(bandsParam)],
        };
      }
      lower = b.upper;
    }
    return { factor: D(1), description: 'No size band matched', citation, children: [] };
  }
}

/** The Swedish public-authority variant: a SEK 10m cap replaces art. 83(4)-(5) (art. 83(7)). */
export function swedishPublicAuthorityRulebook(): EuGdpr83Rulebook {
  return new EuGdpr83Rulebook({
    currency: 'SEK',
    cap: (date) => SE_PUBLIC_PARAMETERS.at('publicAuthorityCap', date),
    description:
      'Swedish public authority: fines capped at SEK 10m, no turnover maximum (art. 83(7) national rule)',
  });
}
