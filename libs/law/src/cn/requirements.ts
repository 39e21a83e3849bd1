import type { BilingualText, FindingReason, SiteRule } from '@app/common';
import type { ArticleRef, LawPeriod, LegalRequirement } from '../law.types';
import { CN_ARTICLES as A } from './articles';

type Code = FindingReason | SiteRule;

interface RequirementSpec {
  requirement: BilingualText;
  breach: BilingualText;
  /** Articles by instrument; only those of instruments in force in the period are cited. */
  articles: readonly ArticleRef[];
  /** The period flag that must hold for the requirement to exist at all. */
  needs?: 'separateConsent' | 'guardianConsent' | 'faceOnlyAccessRule';
  note?: BilingualText;
}

const CONSENT: BilingualText = {
  zh: '收集、使用消费者的人脸信息应当事先经其同意',
  en: 'Collecting or using a consumer’s face information needs their prior consent',
};

/** The table: finding reason → requirement → articles (each instrument dated in instruments.ts / periods.ts). */
const SPECS: Readonly<Record<Code, RequirementSpec>> = {
  NO_CONSENT: {
    requirement: CONSENT,
    breach: { zh: '采集时没有任何同意记录', en: 'no consent record at all at the time of capture' },
    articles: [A.crpl29, A.saic11, A.pipl13, A.pipl28, A.pipl29, A.regs23],
  },
  CONSENT_AFTER_CAPTURE: {
    requirement: CONSENT,
    breach: { zh: '同意在采集之后才取得', en: 'consent obtained only after the capture' },
    articles: [A.crpl29, A.saic11, A.pipl13, A.pipl29, A.regs23],
  },
  CONSENT_WITHDRAWN: {
    requirement: {
      zh: '消费者撤回同意后不得继续采集其人脸信息',
      en: 'No capture after the consumer withdrew consent',
    },
    breach: { zh: '采集时同意已被撤回', en: 'consent had been withdrawn at the time of capture' },
    articles: [A.crpl29, A.saic11, A.pipl15, A.pipl29],
  },
  CONSENT_EXPIRED: {
    requirement: CONSENT,
    breach: { zh: '采集时同意已过有效期', en: 'consent had expired at the time of capture' },
    articles: [A.crpl29, A.saic11, A.pipl13, A.pipl29],
  },
  PURPOSE_NOT_COVERED: {
    requirement: {
      zh: '应当明示收集、使用的目的，并在同意的目的范围内使用',
      en: 'The purpose must be stated and use must stay within the purpose consented to',
    },
    breach: {
      zh: '采集目的超出了同意的目的范围',
      en: 'the capture’s purpose was not among those consented to',
    },
    articles: [A.crpl29, A.saic11, A.pipl14b, A.pipl29],
  },
  NO_EXPRESS_CONSENT: {
    requirement: {
      zh: '同意应当由消费者明确作出，单纯告知不构成同意',
      en: 'Consent must be expressed by the consumer; a notice alone is not consent',
    },
    breach: { zh: '仅有告知，消费者未作出同意', en: 'only a notice; the consumer never expressed consent' },
    articles: [A.crpl29, A.saic11, A.pipl14, A.pipl29],
  },
  NOT_SEPARATE_CONSENT: {
    requirement: {
      zh: '处理人脸等生物识别信息应当取得个人的单独同意',
      en: 'Biometric information such as a face needs the individual’s separate consent',
    },
    breach: {
      zh: '同意不是针对人脸信息的单独同意（口头或与其他事项捆绑）',
      en: 'the consent was not a separate consent to face processing (verbal, or bundled with other matters)',
    },
    articles: [A.pipl28, A.pipl29, A.ndsmr22, A.frt6],
    needs: 'separateConsent',
  },
  MINOR_WITHOUT_GUARDIAN_CONSENT: {
    requirement: {
      zh: '处理不满十四周岁未成年人的人脸信息应当取得其监护人的同意',
      en: 'The face information of a child under 14 needs a parent’s or guardian’s consent',
    },
    breach: {
      zh: '被采集人不满十四周岁，且无监护人同意',
      en: 'the person was under 14 and no guardian consented',
    },
    articles: [A.pipl28, A.pipl31, A.frt7],
    needs: 'guardianConsent',
  },
  FACE_ONLY_ACCESS: {
    requirement: {
      zh: '不得将人脸识别作为唯一验证方式，应当提供其他合理、便捷的方式',
      en: 'Face recognition may not be the only way in; another reasonable and convenient way must be offered',
    },
    breach: { zh: '场所仅能通过人脸识别进入', en: 'the site could only be entered by face recognition' },
    articles: [A.frt10],
    needs: 'faceOnlyAccessRule',
    note: {
      zh: '法释〔2021〕15号第十条对物业服务区域作了相同规定，但属民事规定，仅作参考。',
      en: 'SPC provisions art. 10 say the same for residential compounds, but they govern civil cases and are context only.',
    },
  },
};

/** The penalty articles of a period: CRPL 56 (through SAIC 73 or the 2024 Regulations), PIPL 66, NDSMR 55. */
export function penaltyArticles(period: LawPeriod): ArticleRef[] {
  const inForce = new Set(period.instruments);
  return [A.crpl14, A.crpl56, A.saic14, A.regs50, A.pipl66, A.ndsmr55].filter((a) =>
    inForce.has(a.instrument),
  );
}

/** The requirement a finding of `code` breaches in `period`, or null when no rule in force makes it a breach. */
export function requirementIn(code: Code, period: LawPeriod): LegalRequirement | null {
  const spec = SPECS[code];
  if (period.instruments.length === 0) return null;
  if (spec.needs !== undefined && !period[spec.needs]) return null;
  const inForce = new Set(period.instruments);
  const articles = spec.articles.filter((a) => inForce.has(a.instrument));
  if (articles.length === 0) return null;
  return {
    id: `${period.id}:${code}`,
    reason: code,
    requirement: spec.requirement,
    breach: spec.breach,
    articles,
    from: period.from,
    until: period.until,
    confidence: articles.some((a) => a.confidence === 'U')
      ? 'U'
      : articles.some((a) => a.confidence === 'S')
        ? 'S'
        : 'P',
    ...(spec.note ? { note: spec.note } : {}),
  };
}
