import { DomainError } from '@app/common';
import { AUTH_ERRORS } from '../auth.errors';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** The longest a token may live: two years (a firm's integration renews its key at least that often). */
export const MAX_TOKEN_LIFETIME_MS = 730 * UNIT_MS.d;

/** `30d`, `12h`, `90m` → milliseconds; anything else, zero, or beyond two years is AUTH.BAD_DURATION. */
export function parseDuration(text: string): number {
  const m = /^([1-9]\d{0,6})([mhd])$/.exec(text.trim());
  if (!m) {
    throw new DomainError(
      AUTH_ERRORS.BAD_DURATION,
      `"${text}" is not a duration: use <n>d, <n>h or <n>m (e.g. 30d)`,
      { value: text },
    );
  }
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms > MAX_TOKEN_LIFETIME_MS) {
    throw new DomainError(AUTH_ERRORS.BAD_DURATION, `"${text}" is longer than the maximum of 730d`, {
      value: text,
    });
  }
  return ms;
}
