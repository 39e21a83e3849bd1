import type { BilingualText } from '@app/common';

/** Outcome tiers of the Chinese discretion: a label derived from the position, never its driver. */
export const CN_TIERS = ['time-barred', 'no-penalty', 'mitigated', 'lighter', 'ordinary', 'heavier'] as const;
export type CnTier = (typeof CN_TIERS)[number];

export const CN_TIER_LABELS: Record<CnTier, BilingualText> = {
  'time-barred': { zh: '超过追责时效，不予处罚', en: 'barred by limitation, no penalty' },
  'no-penalty': { zh: '不予行政处罚', en: 'no penalty' },
  mitigated: { zh: '减轻处罚', en: 'mitigated' },
  lighter: { zh: '从轻', en: 'lighter' },
  ordinary: { zh: '一般', en: 'ordinary' },
  heavier: { zh: '从重', en: 'heavier' },
};

/** Formats a whole number with thousands separators, the same in both languages. */
export function n(x: number | string): string {
  return Number(x).toLocaleString('en-US');
}
