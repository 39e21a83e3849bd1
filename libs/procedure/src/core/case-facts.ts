import type { CaseRecord, StepRecord } from '../procedure.types';

/**
 * Read-only questions about a case's steps that the definitions and the engine share. The steps are the record:
 * nothing here is stored elsewhere, so a case's facts can always be recomputed from its steps.
 */

/** The steps of an action, oldest first. */
export function stepsOf(record: CaseRecord, action: string): StepRecord[] {
  return record.steps.filter((s) => s.action === action);
}

/** The latest step of an action, or null. */
export function lastStep(record: CaseRecord, action: string): StepRecord | null {
  const all = stepsOf(record, action);
  return all.length ? all[all.length - 1] : null;
}

/** The steps of an action taken after a given step (by seq). */
export function stepsAfter(record: CaseRecord, action: string, after: StepRecord | null): StepRecord[] {
  return record.steps.filter((s) => s.action === action && (after === null || s.seq > after.seq));
}

/** The latest step of an action after a given step, or null. */
export function lastStepAfter(
  record: CaseRecord,
  action: string,
  after: StepRecord | null,
): StepRecord | null {
  const all = stepsAfter(record, action, after);
  return all.length ? all[all.length - 1] : null;
}

/** The actor who made the current proposal (the latest `propose`), or null. */
export function proposerId(record: CaseRecord): string | null {
  return lastStep(record, 'propose')?.actorId ?? null;
}

/** Whether an actor is one of the case's assigned handlers. */
export function isHandler(record: CaseRecord, actorId: string): boolean {
  return record.handlers.some((h) => h.actorId === actorId);
}

/** A number stored in a step's input (amounts in fen, days), or null. */
export function numberIn(step: StepRecord | null, key: string): number | null {
  const v = step?.input[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A boolean stored in a step's input (absent = false). */
export function flagIn(step: StepRecord | null, key: string): boolean {
  return step?.input[key] === true;
}

/** A string stored in a step's input, or null. */
export function stringIn(step: StepRecord | null, key: string): string | null {
  const v = step?.input[key];
  return typeof v === 'string' ? v : null;
}
