import { useTranslation } from 'react-i18next';

/** The reason codes of findings (libs/common FINDING_REASONS, then the site rules), in the detection order. */
export const REASON_CODES = [
  'NO_CONSENT',
  'CONSENT_AFTER_CAPTURE',
  'CONSENT_WITHDRAWN',
  'CONSENT_EXPIRED',
  'PURPOSE_NOT_COVERED',
  'NO_EXPRESS_CONSENT',
  'NOT_SEPARATE_CONSENT',
  'MINOR_WITHOUT_GUARDIAN_CONSENT',
  'FACE_ONLY_ACCESS',
] as const;

/** Translated labels of the codes a finding carries; an unknown code is shown as it is. */
export function useFindingLabels() {
  const { t } = useTranslation('findings');
  return {
    reason: (code: string) => t(`reasons.${code}` as 'reasons.NO_CONSENT', { defaultValue: code }),
    purpose: (code: string | null) =>
      code === null ? '—' : t(`purposes.${code}` as 'purposes.marketing', { defaultValue: code }),
    method: (code: string) => t(`methods.${code}` as 'methods.written', { defaultValue: code }),
    eventType: (code: string) => t(`eventTypes.${code}` as 'eventTypes.stranger', { defaultValue: code }),
    kind: (code: string) => t(`kinds.${code}` as 'kinds.capture', { defaultValue: code }),
  };
}
