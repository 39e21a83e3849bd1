import { isValidTimeZone, PURPOSES, SITE_TYPES, type DeviceProfile } from '@app/common';
import { FieldReader, type RawFieldMap, type Validation } from './field-reader';

/** Columns devices.csv must have (the others may be left out of the header). */
export const DEVICE_REQUIRED_FIELDS = ['deviceId', 'siteId', 'siteType', 'faceOnlyAccess'] as const;

/**
 * Validates one devices.csv row. Optional fields: siteName (defaults to siteId), vendor and model (empty),
 * declaredPurpose (null), timezone (the firm's).
 */
export function validateDeviceProfile(raw: RawFieldMap, firmTimezone: string): Validation<DeviceProfile> {
  const r = new FieldReader(raw);
  const deviceId = r.requiredText('deviceId');
  const siteId = r.requiredText('siteId');
  const siteName = r.optionalText('siteName') ?? siteId;
  const siteType = r.requiredEnum('siteType', SITE_TYPES);
  const faceOnlyAccess = r.requiredBoolean('faceOnlyAccess');
  const vendor = r.optionalText('vendor') ?? '';
  const model = r.optionalText('model') ?? '';
  const declaredPurpose = r.optionalEnum('declaredPurpose', PURPOSES);
  const timezone = r.optionalText('timezone') ?? firmTimezone;
  if (!r.failed && !isValidTimeZone(timezone)) {
    r.reject('INGEST.BAD_VALUE', 'timezone', `timezone "${timezone}" is not an IANA time zone`);
  }
  if (r.failed) return { ok: false, rejection: r.firstProblem };
  return {
    ok: true,
    value: { deviceId, siteId, siteName, siteType, faceOnlyAccess, vendor, model, declaredPurpose, timezone },
  };
}
