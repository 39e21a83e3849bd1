import { PROCEDURE_ERRORS, ProcedureError } from '../procedure.errors';
import type { ActionContext } from '../core/definition.types';

/**
 * Readers of an action's raw input (the HTTP layer's DTO, already JSON). Each throws PROCEDURE.INVALID_INPUT with
 * `details.field`; every action also accepts `note`.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function invalid(
  field: string,
  message: string,
  details: Record<string, unknown> = {},
): ProcedureError {
  return new ProcedureError(PROCEDURE_ERRORS.INVALID_INPUT, message, { field, ...details });
}

/** A required (or optional) non-blank string. */
export function text(
  raw: Readonly<Record<string, unknown>>,
  field: string,
  required: boolean,
): string | undefined {
  const v = raw[field];
  if (v === undefined || v === null) {
    if (required) throw invalid(field, `${field} is required`);
    return undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') throw invalid(field, `${field} must be a non-empty string`);
  return v.trim();
}

/** An amount in fen: a positive safe integer. */
export function amountMinor(raw: Readonly<Record<string, unknown>>, field = 'amountMinor'): number {
  const v = raw[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    throw invalid(field, `${field} must be a positive whole number of fen`);
  }
  return v;
}

function realDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A Beijing calendar date `YYYY-MM-DD` (required or optional, no range check). */
export function day(
  raw: Readonly<Record<string, unknown>>,
  field: string,
  required: boolean,
): string | undefined {
  const v = raw[field];
  if (v === undefined || v === null) {
    if (required) throw invalid(field, `${field} is required`);
    return undefined;
  }
  if (typeof v !== 'string' || !realDay(v)) throw invalid(field, `${field} must be a date YYYY-MM-DD`);
  return v;
}

/**
 * The date a step takes effect: `input.date` (or today when it is optional and absent); never in the future and
 * never before the case's latest step, so the record stays in order.
 */
export function stepDate(
  raw: Readonly<Record<string, unknown>>,
  ctx: ActionContext,
  required: boolean,
): string {
  const d = day(raw, 'date', required) ?? ctx.today;
  if (d > ctx.today) throw invalid('date', `date ${d} is in the future (today is ${ctx.today})`);
  const steps = ctx.record.steps;
  const latest = steps.length ? steps[steps.length - 1].date : ctx.record.clueDate;
  if (d < latest) throw invalid('date', `date ${d} is before the case's latest step (${latest})`, { latest });
  return d;
}

/** The common `note`. */
export function withNote(
  raw: Readonly<Record<string, unknown>>,
  parsed: Record<string, unknown>,
): Record<string, unknown> {
  const note = text(raw, 'note', false);
  return note === undefined ? parsed : { ...parsed, note };
}
