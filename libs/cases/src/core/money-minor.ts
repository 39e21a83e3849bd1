import { MoneyDecimal } from '@app/common';

const YUAN = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;

/**
 * Fen from a yuan decimal string ("250000.00" → 25000000), exactly: no float ever touches the amount. Null when
 * the text is not a non-negative decimal with at most two places (or too large to count in fen exactly).
 */
export function yuanToFen(yuan: string): number | null {
  if (!YUAN.test(yuan)) return null;
  const fen = new MoneyDecimal(yuan).times(100);
  return fen.lessThanOrEqualTo(Number.MAX_SAFE_INTEGER) ? fen.toNumber() : null;
}

/** A yuan decimal string with two places from fen (25000000 → "250000.00"). */
export function fenToYuan(fen: number): string {
  return new MoneyDecimal(fen).dividedBy(100).toFixed(2);
}

/**
 * Fen from a stored decimal amount (numeric(20,2) as text): amounts stored by the rulebooks are exact to the
 * fen; a bigger value than fen can count exactly is capped (an unbounded maximum).
 */
export function storedAmountToFen(amount: string): number {
  const fen = new MoneyDecimal(amount).times(100).toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_UP);
  return fen.greaterThan(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : fen.toNumber();
}
