import { PROCEDURE_ERRORS, ProcedureError } from '../procedure.errors';
import type { DatedValue, ProcedureDefinition } from './definition.types';

/**
 * The value of a parameter in force on `date`, the most specific region first (the longest code prefix of
 * `regionCode`), then the national value. Throws PRECONDITION_FAILED when none is in force: a procedure never
 * guesses a number it was not given.
 */
export function parameterAt<T>(
  def: ProcedureDefinition,
  id: string,
  date: string,
  regionCode = '',
): DatedValue<T> {
  const p = def.parameters.find((x) => x.id === id);
  if (!p)
    throw new ProcedureError(PROCEDURE_ERRORS.PRECONDITION_FAILED, `no parameter "${id}"`, { parameter: id });
  const inForce = (p.values as readonly DatedValue<T>[]).filter(
    (v) => v.from <= date && (v.until === null || date <= v.until),
  );
  const regional = inForce
    .filter((v) => v.region !== undefined && regionCode.startsWith(v.region))
    .sort((a, b) => (b.region as string).length - (a.region as string).length);
  const found = regional[0] ?? inForce.find((v) => v.region === undefined);
  if (!found) {
    throw new ProcedureError(
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      `parameter "${id}" has no value on ${date}`,
      {
        parameter: id,
        date,
      },
    );
  }
  return found;
}
