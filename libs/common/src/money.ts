import Decimal from 'decimal.js';

/** An exact amount of money: a decimal string (never a float) and an ISO 4217 currency. */
export interface Money {
  amount: string;
  currency: string;
}

/** Decimal configured for money: 40 significant digits, half-up rounding unless a rule says otherwise. */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type MoneyDecimal = Decimal;

/** Formats an amount with two decimals and thousands separators, e.g. `250,000.00`. */
export function formatAmount(amount: string): string {
  const d = new MoneyDecimal(amount).toFixed(2);
  const [int, frac] = d.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
