import { useTranslation } from 'react-i18next';
import {
  formatBytes,
  formatDateTime,
  formatDay,
  formatMoney,
  formatNumber,
  formatPercent,
  formatWan,
} from '../i18n/format';

/** The format functions bound to the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return {
    language: lng,
    money: (v: string | number, currency?: string) => formatMoney(v, lng, currency),
    wan: (v: string | number) => formatWan(v, lng),
    number: (v: string | number) => formatNumber(v, lng),
    percent: (v: number, digits?: number) => formatPercent(v, lng, digits),
    day: (d: string | null | undefined) => formatDay(d, lng),
    dateTime: (d: string | null | undefined) => formatDateTime(d, lng),
    bytes: (b: number) => formatBytes(b, lng),
  };
}
