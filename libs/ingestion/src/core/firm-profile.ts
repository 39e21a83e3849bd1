import { isValidCreditCode, isValidTimeZone, type FirmProfile } from '@app/common';
import { FieldReader, type RawFieldMap } from './field-reader';
import type { Rejection } from './quarantine-reasons';

/** Zone of a firm whose firm.json names none: the regulator's jurisdiction. */
export const DEFAULT_FIRM_TIMEZONE = 'Asia/Shanghai';

/**
 * Validates firm.json's fields. Every problem is returned at once: a bad firm is fatal for the whole
 * inspection, so the inspector should fix them in one go.
 */
export function validateFirmProfile(
  raw: RawFieldMap,
): { ok: true; value: FirmProfile } | { ok: false; problems: Rejection[] } {
  const r = new FieldReader(raw, true);
  const name = r.requiredText('name');
  const creditCode = r.requiredText('creditCode');
  if (creditCode !== '' && !isValidCreditCode(creditCode)) {
    r.reject(
      'INGEST.BAD_VALUE',
      'creditCode',
      `creditCode "${creditCode}" is not a valid unified social credit code (GB 32100-2015: 18 characters, check character)`,
    );
  }
  const region = r.requiredText('region');
  const timezone = r.optionalText('timezone') ?? DEFAULT_FIRM_TIMEZONE;
  if (!isValidTimeZone(timezone)) {
    r.reject('INGEST.BAD_VALUE', 'timezone', `timezone "${timezone}" is not an IANA time zone`);
  }
  if (r.failed) return { ok: false, problems: r.problems };
  return { ok: true, value: { name, creditCode, region, timezone } };
}
