import type { FindingReason, Purpose, SiteRule } from '@app/common';
import { UNSPECIFIED_PURPOSE } from '@app/common';
import type { BilingualText } from '../case-file.types';

/** Bilingual names of finding reasons; typed as a full record so a new reason cannot ship unlabelled. */
export const REASON_LABELS: Readonly<Record<FindingReason, BilingualText>> = {
  NO_CONSENT: { zh: '未取得同意', en: 'No consent' },
  CONSENT_AFTER_CAPTURE: { zh: '采集后才取得同意', en: 'Consent given after capture' },
  CONSENT_WITHDRAWN: { zh: '同意已撤回', en: 'Consent withdrawn' },
  CONSENT_EXPIRED: { zh: '同意已过期', en: 'Consent expired' },
  PURPOSE_NOT_COVERED: { zh: '超出同意的目的', en: 'Purpose not covered by consent' },
  NO_EXPRESS_CONSENT: { zh: '仅告知、未取得同意', en: 'Notice only, no consent expressed' },
  NOT_SEPARATE_CONSENT: { zh: '未取得单独同意', en: 'No separate consent' },
  MINOR_WITHOUT_GUARDIAN_CONSENT: { zh: '未成年人未经监护人同意', en: "Minor without guardian's consent" },
};

const PURPOSE_LABELS: Readonly<Record<Purpose | typeof UNSPECIFIED_PURPOSE, BilingualText>> = {
  access_control: { zh: '门禁通行', en: 'Access control' },
  visitor_identification: { zh: '访客识别', en: 'Visitor identification' },
  marketing: { zh: '营销', en: 'Marketing' },
  security: { zh: '安全防范', en: 'Security' },
  attendance: { zh: '考勤', en: 'Attendance' },
  payment: { zh: '支付', en: 'Payment' },
  [UNSPECIFIED_PURPOSE]: { zh: '未说明', en: 'Unspecified' },
};

/** Bilingual names of site-level rules. */
export const SITE_RULE_LABELS: Readonly<Record<SiteRule, BilingualText>> = {
  FACE_ONLY_ACCESS: { zh: '人脸识别为唯一通行方式', en: 'Face recognition is the only way in' },
};

/** The bilingual label of a finding reason. */
export function reasonLabel(reason: FindingReason): BilingualText {
  return REASON_LABELS[reason];
}

/** The bilingual label of a capture purpose; an unknown purpose is shown as its code in both languages. */
export function purposeLabel(purpose: string): BilingualText {
  return Object.prototype.hasOwnProperty.call(PURPOSE_LABELS, purpose)
    ? PURPOSE_LABELS[purpose as keyof typeof PURPOSE_LABELS]
    : { zh: purpose, en: purpose };
}

/** `中文 / English` on one line. */
export function bilingual(text: BilingualText): string {
  return `${text.zh} / ${text.en}`;
}
