import type { Adapted, AdapterContext } from './capture-adapter';
import type { RawFieldMap } from '../field-reader';

/**
 * Canonical JSONL/CSV records are already canonical field maps. A manifest row may supply the deviceId for
 * a file whose records leave it empty; a deviceId inside the record wins, since it was written for it.
 */
export function adaptCanonicalCapture(record: RawFieldMap, ctx: AdapterContext): Adapted {
  if (
    ctx.deviceId !== null &&
    (record.deviceId === undefined || record.deviceId === '' || record.deviceId === null)
  ) {
    return { kind: 'fields', fields: { ...record, deviceId: ctx.deviceId } };
  }
  return { kind: 'fields', fields: record };
}
