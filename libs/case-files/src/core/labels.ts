import type { BilingualText, FindingReason, Purpose, SiteRule } from '@app/common';
import { UNSPECIFIED_PURPOSE } from '@app/common';

/** Bilingual names of finding reasons; typed as a full record so a new reason cannot ship unlabelled. */
export const REASON_LABELS: Readonly<Record<FindingReason, BilingualText>> = {
  NO_CONSENT: { zh: '未取得同意', en: 'No consent' },
  CONSENT_AFTER_CAPTURE: { zh: '采集后才取得同意', en: 'Consent given after capture' },
  CONSENT_WITHDRAWN: { zh: '同意已撤回', en: 'Consent withdrawn' },
  CONSENT_EXPIRED: { zh: '同意已过期', en: 'Consent expired' },
  PURPOSE_NOT_COVERED: { zh: '超出同意的目的', en: 'Purpose not covered by consent' },
  NO_EXPRESS_CONSENT: { zh: '仅告知、未取得同意', en: 'Notice only without consent' },
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

/**
 * Why the ingestion refused a record, by its stable code (libs/ingestion `QUARANTINE_REASONS`, every one
 * labelled here). The codes themselves go only into
 * the machine-readable attachment; an unknown code reads as a generic refusal.
 */
const QUARANTINE_LABELS: Readonly<Record<string, BilingualText>> = {
  'INGEST.MISSING_FIELD': { zh: '缺少必填字段', en: 'A required field is missing' },
  'INGEST.BAD_VALUE': { zh: '字段值无效', en: 'A field has an invalid value' },
  'INGEST.BAD_TIME': { zh: '时间无法识别', en: 'The time cannot be read' },
  'INGEST.BAD_ENUM': { zh: '字段值不在允许的取值之内', en: 'A value outside the allowed ones' },
  'INGEST.OUT_OF_RANGE': { zh: '数值超出有效范围', en: 'A value out of range' },
  'INGEST.MALFORMED_LINE': { zh: '记录格式错误，无法解析', en: 'The record is malformed' },
  'INGEST.UNDECODABLE_LINE': {
    zh: '该行含有不符合文件编码的字节，无法解码',
    en: "The line has bytes not valid in the file's encoding",
  },
  'INGEST.UNKNOWN_DEVICE': { zh: '设备未登记', en: 'The device is not registered' },
  'INGEST.TIME_ORDER': { zh: '时间先后矛盾', en: 'Times out of order' },
  'INGEST.DUPLICATE_DEVICE': {
    zh: '设备编号重复，以第一条为准',
    en: 'Device listed twice; the first row wins',
  },
  'INGEST.CONFLICTING_EVENT': {
    zh: '同一设备同一事件编号下已有另一条不同的记录（冲突，两条均保留并标记）',
    en: 'The device already has a different record under this event id (conflict; both kept and flagged)',
  },
  'INGEST.CONFLICTING_CONSENT': {
    zh: '同一同意编号下已有另一条不同的同意记录（冲突，两条均保留并标记）',
    en: 'A different consent record exists under this consent id (conflict; both kept and flagged)',
  },
};

const QUARANTINE_FALLBACK: Record<'rejected' | 'conflict', BilingualText> = {
  rejected: { zh: '记录不符合格式要求，未予采用', en: 'The record does not meet the format; not used' },
  conflict: {
    zh: '同一设备同一事件编号下有两条不同的记录（冲突，已保留并标记）',
    en: 'Two different records under one event id from one device (kept and flagged)',
  },
};

/** Why a record was rejected or flagged, in words (never the code). */
export function quarantineReasonLabel(reasonCode: string, kind: 'rejected' | 'conflict'): BilingualText {
  return Object.prototype.hasOwnProperty.call(QUARANTINE_LABELS, reasonCode)
    ? QUARANTINE_LABELS[reasonCode]
    : QUARANTINE_FALLBACK[kind];
}

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
