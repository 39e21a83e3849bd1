import { MoneyDecimal } from '@app/common';

/**
 * The one rounding rule: amounts are computed unrounded and rounded once, at the end, to whole currency
 * units, half-up. The range is rounded inwards (min up, max down) so a rounded amount never leaves it.
 */
export function roundAmount(amount: MoneyDecimal): MoneyDecimal {
  return amount.toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_UP);
}

export function roundRange(min: MoneyDecimal, max: MoneyDecimal): { min: MoneyDecimal; max: MoneyDecimal } {
  return {
    min: min.toDecimalPlaces(0, MoneyDecimal.ROUND_CEIL),
    max: max.toDecimalPlaces(0, MoneyDecimal.ROUND_FLOOR),
  };
}

/** A decimal string for traces: integers plainly, fractions to at most 6 places. */
export function show(d: MoneyDecimal): string {
  return d.isInteger() ? d.toFixed(0) : d.toDecimalPlaces(6, MoneyDecimal.ROUND_HALF_UP).toString();
}
