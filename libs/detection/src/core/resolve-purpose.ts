import { UNSPECIFIED_PURPOSE, type CapturePurpose, type DeviceProfile, type Purpose } from '@app/common';

/**
 * The purpose a capture is judged against: its own, else its device's declared purpose, else
 * `unspecified`, which no consent covers: consent is given to a stated purpose (PIPL art. 14,
 * CRPL art. 29), so a capture with no stated purpose has nothing a consent could match.
 */
export function resolvePurpose(
  own: Purpose | null,
  device: Pick<DeviceProfile, 'declaredPurpose'> | undefined,
): CapturePurpose {
  return own ?? device?.declaredPurpose ?? UNSPECIFIED_PURPOSE;
}
