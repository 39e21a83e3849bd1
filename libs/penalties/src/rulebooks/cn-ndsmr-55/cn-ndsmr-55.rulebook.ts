import { MoneyDecimal, type BilingualText } from '@app/common';
import type { AssumedFact, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { PenaltyFacts } from '../../core/facts';
import { ParameterSet, parameterNode, type ParameterFile } from '../../core/parameters';
import { show } from '../../core/rounding';
import { biNode } from '../../core/trace';
import { applicableDuties, dutiesText, type Duties } from '../cn-apl/applicability';
import { noPenaltyReason, placeInRange } from '../cn-apl/discretion';
import { judgeByLawInForce } from '../cn-apl/law-in-force';
import { checkLimitation } from '../cn-apl/limitation';
import { cnResult } from '../cn-apl/outcomes';
import { CN_APL_VERSION } from '../cn-apl/parameters';
import parameters from './parameters.json';

export const NDSMR_PARAMETERS = new ParameterSet(parameters as ParameterFile);

/** Infringements that breach NDSMR art. 22 (consent rules for personal information, §1.6 of the reference). */
const ART_22: Duties = {
  NO_CONSENT: {
    en: 'biometric information processed on consent requires separate consent (art. 22(2))',
    zh: '基于同意处理生物识别信息应当取得单独同意（第二十二条第二款）',
  },
  NO_EXPRESS_CONSENT: {
    en: 'no consent to biometric processing (art. 22(2))',
    zh: '处理生物识别信息未取得同意（第二十二条第二款）',
  },
  NOT_SEPARATE_CONSENT: {
    en: 'no separate consent for biometric information (art. 22(2))',
    zh: '处理生物识别信息未取得单独同意（第二十二条第二款）',
  },
  MINOR_WITHOUT_GUARDIAN_CONSENT: {
    en: 'no valid consent for sensitive information (art. 22(2))',
    zh: '处理敏感个人信息未取得有效同意（第二十二条第二款）',
  },
  EXCESSIVE_COLLECTION: {
    en: 'collection beyond what the service needs (art. 22(1))',
    zh: '超出提供服务所必需的范围收集（第二十二条第一款）',
  },
  FACE_ONLY_ACCESS: {
    en: 'consent obtained by coercion: no other way in (art. 22(1))',
    zh: '以强迫方式取得同意，无其他进入方式（第二十二条第一款）',
  },
};

const TITLE: BilingualText = {
  en: 'Network Data Security Management Regulations art. 55 (from 2025-01-01)',
  zh: '《网络数据安全管理条例》第五十五条（2025年1月1日起施行）',
};
const FROM = '2025-01-01';

/**
 * China, Network Data Security Management Regulations art. 55 (conduct from 2025-01-01): warning and order to
 * correct; a fine of up to CNY 1m only on refusal to correct or in serious cases.
 */
export class CnNdsmr55Rulebook implements Rulebook {
  readonly info: RulebookInfo = {
    id: 'cn-ndsmr-55',
    version: `${parameters.version}+cn-apl.${CN_APL_VERSION}`,
    jurisdiction: 'CN',
    title: 'China — Network Data Security Management Regulations art. 55 (from 2025-01-01)',
    titleText: TITLE,
    currency: 'CNY',
    validFrom: NDSMR_PARAMETERS.earliestDate(),
    isDefault: false,
    summary: 'Art. 22 consent breaches: fine ≤ CNY 1m only on refusal to correct or if serious',
  };

  assess(facts: PenaltyFacts): RulebookResult {
    const governed = applicableDuties(this.info, facts, ART_22, {
      name: 'Regulations',
      inForceArticle: 'art. 64',
      dutyName: 'art. 22',
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
    const duties = dutiesText(governed, ART_22);
    const straddles = facts.conduct.from < FROM;
    const judged: PenaltyFacts = straddles ? { ...facts, conduct: { ...facts.conduct, from: FROM } } : facts;
    if (straddles) {
      notes.push({
        en: `The conduct began on ${facts.conduct.from}, before the Regulations took effect (${FROM}): under them only the conduct from ${FROM} is judged and its duration counted.`,
        zh: `违法行为始于${facts.conduct.from}，早于《网络数据安全管理条例》施行之日（${FROM}）：依该条例仅评价${FROM}以后的行为并计算其持续时间。`,
      });
    }
    const basis = biNode(
      'ndsmr.basis',
      {
        en: `Breaches of art. 22 of the Regulations: ${duties.en}`,
        zh: `违反《网络数据安全管理条例》第二十二条：${duties.zh}`,
      },
      {
        en: 'Network Data Security Management Regulations arts. 22, 55',
        zh: '《网络数据安全管理条例》第二十二条、第五十五条',
      },
      { en: 'Regulations art. 55', zh: '《网络数据安全管理条例》第五十五条' },
    );
    const refused = facts.circumstances.refusedCorrection === true;
    const serious = facts.seriousness === 'high';
    if (facts.circumstances.refusedCorrection === null && !serious) {
      const en = 'assumed no refusal to correct';
      assumed.push({
        field: 'circumstances.refusedCorrection',
        assumption: en,
        text: { en, zh: '推定未拒不改正' },
      });
    }
    if (facts.seriousness === null && !refused) {
      const en = 'assumed not serious';
      assumed.push({ field: 'seriousness', assumption: en, text: { en, zh: '推定情节不严重' } });
    }
    const cap = NDSMR_PARAMETERS.at('cap', lawDate);
    const resp = NDSMR_PARAMETERS.at('responsible', lawDate);
    const open = refused || serious;
    const measures: BilingualText[] = [
      {
        en: 'order to correct, warning, confiscation of illegal gains (Regulations art. 55)',
        zh: '责令改正，给予警告，没收违法所得（《网络数据安全管理条例》第五十五条）',
      },
    ];
    if (open) {
      measures.push({
        en: `directly responsible persons: CNY ${resp.value} each (${resp.citation})`,
        zh: `对直接负责的主管人员和其他直接责任人员处${resp.value.replace('-', '元以上')}元以下罚款（${resp.citationZh}）`,
      });
    }
    if (serious) {
      measures.push({
        en: 'serious case: suspension of business or licence revocation (Regulations art. 55)',
        zh: '情节严重的，可以责令暂停相关业务、停业整顿、吊销相关业务许可证或者营业执照（《网络数据安全管理条例》第五十五条）',
      });
    }
    const max = open ? new MoneyDecimal(cap.value) : new MoneyDecimal(0);
    const why = [
      refused ? { en: 'refusal to correct', zh: '拒不改正' } : null,
      serious ? { en: 'serious case', zh: '情节严重' } : null,
    ].filter((x): x is BilingualText => x !== null);
    const rangeNode = biNode(
      'ndsmr.range',
      open
        ? {
            en: `Fine available: ${why.map((x) => x.en).join(' and ')}`,
            zh: `可以罚款：${why.map((x) => x.zh).join('且')}`,
          }
        : {
            en: 'No fine without a refusal to correct or a serious case',
            zh: '未拒不改正且情节不严重的，不得罚款',
          },
      { en: cap.citation, zh: cap.citationZh ?? cap.citation },
      `0–${show(max)}`,
      [parameterNode(cap)],
    );
    const zero = new MoneyDecimal(0);
    return cnResult({
      rulebook: this.info.id,
      lawDate,
      id: 'ndsmr',
      title: TITLE,
      root: {
        description: {
          en: 'Fine under art. 55 of the Regulations',
          zh: '依照《网络数据安全管理条例》第五十五条处罚',
        },
        citation: { en: cap.citation, zh: cap.citationZh ?? cap.citation },
      },
      children: [basis],
      limitation: checkLimitation(facts, lawDate),
      noPenalty: noPenaltyReason(facts, lawDate),
      range: { min: zero, max, node: rangeNode },
      placement: open
        ? () =>
            placeInRange(judged, { min: zero, max, hasFloor: false }, lawDate, {
              consumed: refused ? ['refusedCorrection'] : [],
            })
        : null,
      assumed,
      notes,
      measures,
    });
  }
}
