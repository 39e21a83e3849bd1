import { MoneyDecimal, type BilingualText } from '@app/common';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { resolveRules, type Rule } from '../../core/rules';
import { biNode, type TraceNode } from '../../core/trace';
import { applicableDuties, dutiesText, type Duties } from '../cn-apl/applicability';
import { noPenaltyReason, placeInRange } from '../cn-apl/discretion';
import { judgeByLawInForce } from '../cn-apl/law-in-force';
import { checkLimitation } from '../cn-apl/limitation';
import { cnResult } from '../cn-apl/outcomes';
import { CN_APL_VERSION } from '../cn-apl/parameters';
import parameters from './parameters.json';

export const PIPL_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/** The PIPL duty each infringement breaches (articles as summarised in the reference, §1.5). */
const PIPL_DUTIES: Duties = {
  NO_CONSENT: {
    en: 'no lawful basis; sensitive information without separate consent (arts. 13, 14, 29)',
    zh: '无合法处理依据，处理敏感个人信息未取得单独同意（第十三条、第十四条、第二十九条）',
  },
  NO_EXPRESS_CONSENT: {
    en: 'a notice only, no consent (arts. 13, 14)',
    zh: '仅作告知，未取得同意（第十三条、第十四条）',
  },
  CONSENT_AFTER_CAPTURE: {
    en: 'consent not obtained before processing (arts. 13, 14)',
    zh: '处理前未取得同意（第十三条、第十四条）',
  },
  CONSENT_WITHDRAWN: {
    en: 'processing after consent was withdrawn (arts. 13, 14)',
    zh: '个人撤回同意后仍予处理（第十三条、第十四条）',
  },
  CONSENT_EXPIRED: {
    en: 'processing without a current consent (arts. 13, 14)',
    zh: '同意失效后仍予处理（第十三条、第十四条）',
  },
  NOT_SEPARATE_CONSENT: {
    en: 'biometric (sensitive) information without separate consent (art. 29)',
    zh: '处理生物识别等敏感个人信息未取得单独同意（第二十九条）',
  },
  MINOR_WITHOUT_GUARDIAN_CONSENT: {
    en: 'information of children under 14 without a guardian\u2019s consent (arts. 28, 31)',
    zh: '处理不满十四周岁未成年人个人信息未取得监护人同意（第二十八条、第三十一条）',
  },
  PURPOSE_NOT_COVERED: {
    en: 'new consent needed when the purpose changes (art. 14)',
    zh: '处理目的变更未重新取得同意（第十四条）',
  },
  NO_NOTICE: {
    en: 'no prior notice of purpose, method, necessity and effect (arts. 17, 30)',
    zh: '未事先告知处理目的、方式、必要性及影响（第十七条、第三十条）',
  },
  EXCESSIVE_COLLECTION: {
    en: 'sensitive information without sufficient necessity (art. 28)',
    zh: '处理敏感个人信息不具有充分的必要性（第二十八条）',
  },
  FACE_ONLY_ACCESS: {
    en: 'face capture imposed without necessity or separate consent (arts. 26, 28, 29)',
    zh: '无必要性且未经单独同意强制采集人脸信息（第二十六条、第二十八条、第二十九条）',
  },
  NO_IMPACT_ASSESSMENT: {
    en: 'no impact assessment before processing sensitive information (art. 55)',
    zh: '处理敏感个人信息前未进行个人信息保护影响评估（第五十五条）',
  },
  INSECURE_STORAGE: {
    en: 'security measures lacking (art. 51)',
    zh: '未采取必要的安全保护措施（第五十一条）',
  },
  THIRD_PARTY_DISCLOSURE: {
    en: 'information provided to others without a basis (arts. 13, 14)',
    zh: '无合法依据向他人提供个人信息（第十三条、第十四条）',
  },
};

const TITLE: BilingualText = {
  en: 'Personal Information Protection Law art. 66',
  zh: '《个人信息保护法》第六十六条',
};
const PIPL_FROM = '2021-11-01';

type PiplTier = 'serious' | 'refusal' | 'order-only';
interface Ctx {
  facts: PenaltyFacts;
}

const TIER_TEXT: Record<
  PiplTier,
  { description: BilingualText; citation: BilingualText; value: BilingualText }
> = {
  'order-only': {
    description: {
      en: 'No refusal to correct and not serious: order to correct, warning, confiscation; no fine',
      zh: '未拒不改正且情节不严重：责令改正、警告、没收违法所得，不得罚款',
    },
    citation: { en: 'PIPL art. 66(1)', zh: '《个人信息保护法》第六十六条第一款' },
    value: { en: 'order only', zh: '责令改正' },
  },
  refusal: {
    description: {
      en: 'The processor refused to correct: a fine of up to CNY 1,000,000',
      zh: '拒不改正：处一百万元以下罚款',
    },
    citation: { en: 'PIPL art. 66(1)', zh: '《个人信息保护法》第六十六条第一款' },
    value: { en: 'refusal to correct', zh: '拒不改正' },
  },
  serious: {
    description: {
      en: 'Serious case: a fine of up to CNY 50,000,000 or 5 % of last year\u2019s turnover',
      zh: '情节严重：处五千万元以下或者上一年度营业额百分之五以下罚款',
    },
    citation: { en: 'PIPL art. 66(2)', zh: '《个人信息保护法》第六十六条第二款' },
    value: { en: 'serious', zh: '情节严重' },
  },
};

/** Art. 66's tiers as a general rule with declared exceptions. */
const TIER_RULES: readonly Rule<Ctx, PiplTier>[] = [
  {
    id: 'order-only',
    description: TIER_TEXT['order-only'].description.en,
    citation: 'PIPL art. 66(1)',
    applies: () => true,
    conclude: () => 'order-only',
  },
  {
    id: 'refusal',
    description: TIER_TEXT.refusal.description.en,
    citation: 'PIPL art. 66(1)',
    applies: (x) => x.facts.circumstances.refusedCorrection === true,
    conclude: () => 'refusal',
    overrides: ['order-only'],
  },
  {
    id: 'serious',
    description: TIER_TEXT.serious.description.en,
    citation: 'PIPL art. 66(2)',
    applies: (x) => x.facts.seriousness === 'high',
    conclude: () => 'serious',
    overrides: ['order-only', 'refusal'],
  },
];

/**
 * China, PIPL art. 66 (conduct from 2021-11-01): no fine unless the processor refuses to correct (66(1), up to
 * CNY 1m) or the case is serious (66(2), up to CNY 50m or 5 % of turnover), placed by the shared model.
 */
export class CnPipl66Rulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'cn-pipl-66',
    version: `${parameters.version}+cn-apl.${CN_APL_VERSION}`,
    jurisdiction: 'CN',
    title: 'China — Personal Information Protection Law art. 66',
    titleText: TITLE,
    currency: 'CNY',
    validFrom: PIPL_PARAMETERS.earliestDate(),
    isDefault: false,
    summary: 'Fine only on refusal to correct (≤ CNY 1m); serious cases ≤ CNY 50m or 5 % of turnover',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const governed = applicableDuties(this.info, facts, PIPL_DUTIES, {
      name: 'PIPL',
      inForceArticle: 'art. 74',
      dutyName: 'a PIPL duty',
    });
    return judgeByLawInForce(facts, (lawDate) => this.assessAt(facts, lawDate, governed));
  }

  private assessAt(
    facts: PenaltyFacts,
    lawDate: string,
    governed: ReturnType<typeof applicableDuties>,
  ): RulebookResult {
    const assumed: AssumedFact[] = [];
    const notes: BilingualText[] = [];
    const duties = dutiesText(governed, PIPL_DUTIES);
    // No PIPL article is the basis for conduct before 2021-11-01: only the part from then on is weighed.
    const straddles = facts.conduct.from < PIPL_FROM;
    const judged: PenaltyFacts = straddles
      ? { ...facts, conduct: { ...facts.conduct, from: PIPL_FROM } }
      : facts;
    if (straddles) {
      notes.push({
        en: `The conduct began on ${facts.conduct.from}, before the PIPL took effect (${PIPL_FROM}): under the PIPL only the conduct from ${PIPL_FROM} is judged and its duration counted; the counts of the facts are not split by date and are taken whole.`,
        zh: `违法行为始于${facts.conduct.from}，早于《个人信息保护法》施行之日（${PIPL_FROM}）：依该法仅评价${PIPL_FROM}以后的行为并计算其持续时间；事实中的数量未按日期拆分，按全部数量计。`,
      });
    }
    const basis = biNode(
      'pipl.basis',
      {
        en: `Breaches of PIPL duties${straddles ? ` (conduct from ${PIPL_FROM})` : ''}: ${duties.en}`,
        zh: `违反《个人信息保护法》规定的义务${straddles ? `（${PIPL_FROM}以后的行为）` : ''}：${duties.zh}`,
      },
      {
        en: 'PIPL arts. 13-14, 17, 26, 28-31, 51, 55 and 66',
        zh: '《个人信息保护法》第十三条、第十四条、第十七条、第二十六条、第二十八条至第三十一条、第五十一条、第五十五条、第六十六条',
      },
      { en: 'PIPL art. 66', zh: '《个人信息保护法》第六十六条' },
    );
    if (facts.seriousness === null) {
      const en = 'assumed not serious: art. 66(1) applies, not 66(2)';
      assumed.push({
        field: 'seriousness',
        assumption: en,
        text: { en, zh: '推定情节不严重：适用第六十六条第一款而非第二款' },
      });
    }
    if (facts.circumstances.refusedCorrection === null) {
      const en = 'assumed the processor did not refuse to correct, so art. 66(1) allows no fine';
      assumed.push({
        field: 'circumstances.refusedCorrection',
        assumption: en,
        text: { en, zh: '推定未拒不改正，依第六十六条第一款不得罚款' },
      });
    }
    const tier = resolveRules('PIPL art. 66 tier', TIER_RULES, { facts });
    const t = TIER_TEXT[tier.value];
    const tierNode = biNode('pipl.tier', t.description, t.citation, t.value);
    const { max, rangeNode, measures } = this.range(tier.value, facts, lawDate, notes);
    const zero = new MoneyDecimal(0);
    const range = { min: zero, max, hasFloor: false };
    return cnResult({
      rulebook: this.info.id,
      lawDate,
      id: 'pipl',
      title: TITLE,
      root: {
        description: { en: 'Fine under PIPL art. 66', zh: '依照《个人信息保护法》第六十六条处罚' },
        citation: t.citation,
      },
      children: [basis, tierNode],
      limitation: checkLimitation(facts, lawDate),
      noPenalty: noPenaltyReason(facts, lawDate),
      range: { min: zero, max, node: rangeNode },
      placement: max.isZero()
        ? null
        : () =>
            placeInRange(judged, range, lawDate, {
              consumed: tier.value === 'refusal' ? ['refusedCorrection'] : [],
            }),
      assumed,
      notes,
      measures,
    });
  }

  private range(
    tier: PiplTier,
    facts: PenaltyFacts,
    date: string,
    notes: BilingualText[],
  ): { max: MoneyDecimal; rangeNode: TraceNode; measures: BilingualText[] } {
    const measures: BilingualText[] = [
      {
        en: 'order to correct, warning, confiscation of illegal gains; suspension or termination of the service (PIPL art. 66(1))',
        zh: '责令改正，给予警告，没收违法所得，对违法处理个人信息的应用程序责令暂停或者终止提供服务（《个人信息保护法》第六十六条第一款）',
      },
      {
        en: 'entry in the credit file and publication (PIPL art. 67)',
        zh: '记入信用档案并予以公示（《个人信息保护法》第六十七条）',
      },
    ];
    if (tier === 'order-only') {
      return {
        max: new MoneyDecimal(0),
        rangeNode: biNode(
          'pipl.range',
          {
            en: 'No fine available without a refusal to correct or a serious case',
            zh: '未拒不改正且情节不严重的，不得罚款',
          },
          { en: 'PIPL art. 66(1)', zh: '《个人信息保护法》第六十六条第一款' },
          '0–0',
        ),
        measures,
      };
    }
    if (tier === 'refusal') {
      const cap = PIPL_PARAMETERS.at('ordinaryCap', date);
      const resp = PIPL_PARAMETERS.at('responsibleOrdinary', date);
      measures.push({
        en: `directly responsible persons: CNY ${resp.value} each (${resp.citation})`,
        zh: `对直接负责的主管人员和其他直接责任人员处${resp.value.replace('-', '元以上')}元以下罚款（${resp.citationZh}）`,
      });
      return {
        max: new MoneyDecimal(cap.value),
        rangeNode: biNode(
          'pipl.range',
          { en: 'Refusal to correct: a fine of up to the cap', zh: '拒不改正：处上限以下罚款' },
          { en: cap.citation, zh: cap.citationZh ?? cap.citation },
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
      {
        en: 'serious case: suspension of business, revocation of permits or licence (PIPL art. 66(2)); only a provincial-level or higher authority may impose it',
        zh: '情节严重的，可以责令暂停相关业务或者停业整顿、吊销相关业务许可或者营业执照（《个人信息保护法》第六十六条第二款）；由省级以上履行个人信息保护职责的部门决定',
      },
      {
        en: `directly responsible persons: CNY ${resp.value} each and a possible ban from management posts (${resp.citation})`,
        zh: `对直接负责的主管人员和其他直接责任人员处${resp.value.replace('-', '元以上')}元以下罚款，并可以决定禁止其在一定期限内担任相关职务（${resp.citationZh}）`,
      },
    );
    const turnover = facts.firm.annualTurnover;
    const children: TraceNode[] = [parameterNode(cap), parameterNode(share)];
    let max = new MoneyDecimal(cap.value);
    if (turnover && turnover.currency === 'CNY') {
      const byTurnover = new MoneyDecimal(turnover.amount).times(share.value);
      children.push(
        biNode(
          'pipl.turnover-cap',
          {
            en: `5 % of last year\u2019s turnover of CNY ${turnover.amount}`,
            zh: `上一年度营业额${turnover.amount}元的百分之五`,
          },
          { en: share.citation, zh: share.citationZh ?? share.citation },
          show(byTurnover),
        ),
      );
      if (byTurnover.greaterThan(max)) max = byTurnover;
      notes.push({
        en: 'PIPL art. 66(2) joins the CNY 50m and 5 %-of-turnover caps with "or" and does not say "whichever is higher"; bioaudit takes the higher as the range maximum so that an officer choosing the turnover cap stays inside it.',
        zh: '《个人信息保护法》第六十六条第二款以“或者”连接五千万元和营业额百分之五两个上限，未规定“以较高者为准”；本系统取较高者作为幅度上限，使选择营业额上限的执法人员仍在幅度内。',
      });
    } else {
      notes.push(
        turnover
          ? {
              en: `turnover given in ${turnover.currency}, not CNY: the 5 % cap was not computed; the CNY 50m cap applies.`,
              zh: `营业额以${turnover.currency}而非人民币表示：未计算百分之五上限，适用五千万元上限。`,
            }
          : {
              en: 'annual turnover unknown: only the CNY 50m cap of art. 66(2) was used; 5 % of a turnover above CNY 1bn would raise the maximum.',
              zh: '上一年度营业额不详：仅适用第六十六条第二款五千万元上限；营业额超过十亿元的，百分之五上限将更高。',
            },
      );
    }
    return {
      max,
      rangeNode: biNode(
        'pipl.range',
        { en: 'Serious case: a fine of up to the cap', zh: '情节严重：处上限以下罚款' },
        { en: cap.citation, zh: cap.citationZh ?? cap.citation },
        `0–${show(max)}`,
        children,
      ),
      measures,
    };
  }
}
