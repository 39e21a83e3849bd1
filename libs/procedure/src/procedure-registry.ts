import { PROCEDURE_ERRORS, ProcedureError } from './procedure.errors';
import type { ProcedureDefinition } from './core/definition.types';
import { CN_SAMR_GENERAL } from './definitions/cn-samr-general';

/** The procedures bioaudit knows, by id. */
export const PROCEDURE_DEFINITIONS: readonly ProcedureDefinition[] = [CN_SAMR_GENERAL];

/** The definition with this id; throws PROCEDURE.UNKNOWN_PROCEDURE. */
export function procedureDefinition(id: string): ProcedureDefinition {
  const def = PROCEDURE_DEFINITIONS.find((d) => d.id === id);
  if (!def)
    throw new ProcedureError(PROCEDURE_ERRORS.UNKNOWN_PROCEDURE, `no procedure "${id}"`, { procedureId: id });
  return def;
}
