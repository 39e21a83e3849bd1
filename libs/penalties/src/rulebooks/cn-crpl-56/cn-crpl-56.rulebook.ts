import { DomainError, MoneyDecimal, type BilingualText } from '@app/common';
import { PENALTY_ERRORS } from '../../penalties.errors';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { formulaAt, type DatedFormula } from '../../core/rules';
import { biNode, type TraceNode } from '../../core/trace';
import { applicableDuties, conductLawDate, dutiesText, type Duties } from '../cn-apl/applicability';
import { noPenaltyReason, placeInRange, type StatutoryRange } from '../cn-apl/discretion';
import { judgeByLawInForce } from '../cn-apl/law-in-force';
import { checkLimitation } from '../cn-apl/limitation';
import { cnResult } from '../cn-apl/outcomes';
import { CN_APL_VERSION } from '../cn-apl/parameters';
import parameters from './parameters.json';

export const CRPL_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/**
 * Which CRPL art. 29 duty each infringement breaches; codes absent here are not CRPL matters. A consent that
 * is not "separate" is still the consumer's consent under CRPL art. 29 (separate consent is a PIPL notion).
 */
const CRPL_DUTIES: Duties = {
  NO_CONSENT: {
    en: 'collected without the consumer\u2019s consent (art. 29(1))',
    zh: '未经消费者同意收集、使用其个人信息（第二十九条第一款）',
  },
  NO_EXPRESS_CONSENT: {
    en: 'a notice only, no consent given (art. 29(1))',
    zh: '仅作告知，未取得消费者同意（第二十九条第一款）',
  },
  CONSENT_AFTER_CAPTURE: {
    en: 'consent obtained only after collection (art. 29(1))',
    zh: '收集后方取得同意（第二十九条第一款）',
  },
  CONSENT_WITHDRAWN: {
    en: 'collected after consent was withdrawn (art. 29(1))',
    zh: '消费者撤回同意后仍予收集（第二十九条第一款）',
  },
  CONSENT_EXPIRED: {
    en: 'collected after consent expired (art. 29(1))',
    zh: '同意失效后仍予收集（第二十九条第一款）',
  },
  MINOR_WITHOUT_GUARDIAN_CONSENT: {
    en: 'a child\u2019s information collected without a guardian\u2019s consent (art. 29(1))',
    zh: '未经监护人同意收集未成年人个人信息（第二十九条第一款）',
  },
  PURPOSE_NOT_COVERED: {
    en: 'used beyond the stated purpose (art. 29(1))',
    zh: '超出明示的目的使用（第二十九条第一款）',
  },
  NO_NOTICE: {
    en: 'purpose, method and scope not stated (art. 29(1))',
    zh: '未明示收集、使用信息的目的、方式和范围（第二十九条第一款）',
  },
  EXCESSIVE_COLLECTION: {
    en: 'collection not necessary (art. 29(1))',
    zh: '收集个人信息违反必要原则（第二十九条第一款）',
  },
  FACE_ONLY_ACCESS: {
    en: 'face capture imposed as the only way in: neither necessary nor freely consented (art. 29(1))',
    zh: '以人脸识别作为唯一进入方式，违反必要原则且非自愿同意（第二十九条第一款）',
  },
  THIRD_PARTY_DISCLOSURE: {
    en: 'personal information unlawfully provided to others (art. 29(2))',
    zh: '非法向他人提供个人信息（第二十九条第二款）',
  },
  INSECURE_STORAGE: {
    en: 'no necessary measures against leaks and loss (art. 29(2))',
    zh: '未采取必要措施防止信息泄露、丢失（第二十九条第二款）',
  },
};

const TITLE: BilingualText = {
  en: 'Consumer Rights Protection Law art. 56(1)(9) (consumer personal information)',
  zh: '《消费者权益保护法》第五十六条第一款第（九）项（侵害消费者个人信息依法得到保护的权利）',
};

/** The penalty route through the 2024 Implementing Regulations, for conduct from 1 Jul 2024. */
type Route = () => TraceNode | null;

const FORMULAS: readonly DatedFormula<Route>[] = [
  {
    id: 'crpl-2014',
    from: '2014-03-15',
    until: '2024-07-01',
    citation: 'CRPL art. 56(1)(9); SAIC Order 73 art. 14 (as amended by SAMR Order 31, 2020)',
    formula: () => null,
  },
  {
    id: 'crpl-2024-regs',
    from: '2024-07-01',
    citation: 'CRPL Implementing Regulations (State Council Decree 778) arts. 23, 50(3)',
    formula: () =>
      biNode(
        'crpl.implementing-regs',
        {
          en: 'Personal-information breaches (Implementing Regulations art. 23) are punished under CRPL art. 56, not under art. 50(1)-(2) of the Regulations',
          zh: '侵害个人信息的行为（《实施条例》第二十三条）依照《消费者权益保护法》第五十六条处罚，不适用《实施条例》第五十条第一、二项',
        },
        {
          en: 'CRPL Implementing Regulations (State Council Decree 778) art. 50(3)',
          zh: '《消费者权益保护法实施条例》（国务院令第778号）第五十条第三项',
        },
        { en: 'CRPL art. 56', zh: '《消费者权益保护法》第五十六条' },
      ),
  },
];

const MEASURES: BilingualText[] = [
  { en: 'order to correct (CRPL art. 56(1))', zh: '责令改正（《消费者权益保护法》第五十六条第一款）' },
  {
    en: 'warning, alone or with the fine (CRPL art. 56(1))',
    zh: '警告，可以单处或者并处（《消费者权益保护法》第五十六条第一款）',
  },
  {
    en: 'entry in the credit file and publication (CRPL art. 56(2))',
    zh: '记入信用档案并向社会公布（《消费者权益保护法》第五十六条第二款）',
  },
];

/**
 * China, Consumer Rights Protection Law art. 56(1)(9): 1-10x illegal gains, or up to CNY 500,000 without
 * gains, placed in the range by the shared Chinese discretion model.
 */
export class CnCrpl56Rulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'cn-crpl-56',
    version: `${parameters.version}+cn-apl.${CN_APL_VERSION}`,
    jurisdiction: 'CN',
    title: 'China — Consumer Rights Protection Law art. 56(1)(9) (consumer personal information)',
    titleText: TITLE,
    currency: 'CNY',
    validFrom: CRPL_PARAMETERS.earliestDate(),
    isDefault: false,
    summary:
      'With illegal gains 1–10× the gains; without, up to CNY 500,000; warning, order to correct, credit record',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const governed = applicableDuties(this.info, facts, CRPL_DUTIES, {
      name: 'CRPL (2013 amendment)',
      inForceArticle: 'in force 2014-03-15',
      dutyName: 'a CRPL art. 29 duty',
    });
    // The 2024 route is chosen by the conduct's date; the formula errs for conduct before the 2013 amendment.
    const formula = formulaAt(this.info.id, FORMULAS, conductLawDate(facts));
    return judgeByLawInForce(facts, (lawDate) => this.assessAt(facts, lawDate, governed, formula));
  }

  private assessAt(
    facts: PenaltyFacts,
    lawDate: string,
    governed: ReturnType<typeof applicableDuties>,
    formula: DatedFormula<Route>,
  ): RulebookResult {
    const route = formula.formula();
    const duties = dutiesText(governed, CRPL_DUTIES);
    const basis = biNode(
      'crpl.basis',
      {
        en: `Infringes the consumer\u2019s right to the protection of personal information (CRPL art. 14): ${duties.en}`,
        zh: `侵害消费者个人信息依法得到保护的权利（《消费者权益保护法》第十四条）：${duties.zh}`,
      },
      {
        en: 'CRPL arts. 14, 29 and 56(1)(9)',
        zh: '《消费者权益保护法》第十四条、第二十九条、第五十六条第一款第（九）项',
      },
      { en: 'CRPL art. 56(1)(9)', zh: '《消费者权益保护法》第五十六条第一款第（九）项' },
      route ? [route] : [],
    );
    const assumed: AssumedFact[] = [];
    const { range, rangeNode } = this.range(facts, lawDate, assumed);
    const measures = [...MEASURES];
    if (facts.illegalGains && new MoneyDecimal(facts.illegalGains.amount).greaterThan(0)) {
      measures.push({
        en: 'confiscation of the illegal gains (CRPL art. 56(1))',
        zh: '没收违法所得（《消费者权益保护法》第五十六条第一款）',
      });
    }
    return cnResult({
      rulebook: this.info.id,
      lawDate,
      id: 'crpl',
      title: TITLE,
      root: {
        description: {
          en: 'Fine under CRPL art. 56(1)(9)',
          zh: '依照《消费者权益保护法》第五十六条第一款第（九）项处以罚款',
        },
        citation: {
          en: formula.citation,
          zh:
            formula.id === 'crpl-2014'
              ? '《消费者权益保护法》第五十六条第一款第（九）项；《侵害消费者权益行为处罚办法》第十四条'
              : '《消费者权益保护法》第五十六条第一款第（九）项；《消费者权益保护法实施条例》第二十三条、第五十条第三项',
        },
      },
      children: [basis],
      limitation: checkLimitation(facts, lawDate),
      noPenalty: noPenaltyReason(facts, lawDate),
      range: { min: range.min, max: range.max, node: rangeNode },
      placement: () => placeInRange(facts, range, lawDate),
      assumed,
      notes: [],
      measures,
      heavierMeasures: [
        {
          en: 'serious case: suspension for rectification or revocation of the business licence may be considered (CRPL art. 56(1))',
          zh: '情节严重的，可以责令停业整顿、吊销营业执照（《消费者权益保护法》第五十六条第一款）',
        },
      ],
    });
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
        rangeNode: biNode(
          'crpl.range',
          {
            en: `Illegal gains CNY ${gains.amount}: a fine of ${lo.value} to ${hi.value} times the gains`,
            zh: `违法所得${gains.amount}元：处违法所得${lo.value}倍以上${hi.value}倍以下的罚款`,
          },
          { en: lo.citation, zh: lo.citationZh ?? lo.citation },
          `${show(range.min)}–${show(range.max)}`,
          [
            biNode(
              'input.illegalGains',
              { en: 'Illegal gains established', zh: '查明的违法所得' },
              { en: 'facts established by the officer', zh: '执法人员查明的事实' },
              gains.amount,
            ),
            parameterNode(lo),
            parameterNode(hi),
          ],
        ),
      };
    }
    const cap = CRPL_PARAMETERS.at('noGainsCap', date);
    if (gains === null) {
      const en =
        'treated as not computable, so the no-gains branch (up to CNY 500,000, no minimum) applies, as in the Ningbo and Shunde decisions; established gains G would make the range G to 10×G instead';
      const zh =
        '视为无法计算，适用没有违法所得的罚款幅度（五十万元以下，无下限），与宁波、顺德案相同；如查明违法所得G，幅度为G至10G';
      assumed.push({ field: 'illegalGains', assumption: en, text: { en, zh } });
    }
    return {
      range: { min: new MoneyDecimal(0), max: new MoneyDecimal(cap.value), hasFloor: false },
      rangeNode: biNode(
        'crpl.range',
        gains === null
          ? {
              en: 'Illegal gains not established: a fine of up to the cap',
              zh: '违法所得未查明：处上限以下的罚款',
            }
          : { en: 'No illegal gains: a fine of up to the cap', zh: '没有违法所得：处上限以下的罚款' },
        { en: cap.citation, zh: cap.citationZh ?? cap.citation },
        `0–${cap.value}`,
        [parameterNode(cap)],
      ),
    };
  }
}
