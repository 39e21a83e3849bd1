import type { CaseRecord, StepRecord } from '../procedure.types';
import type { ProcedureDefinition } from '../core/definition.types';
import { lastStep, lastStepAfter, numberIn, flagIn, stepsAfter, stepsOf, stringIn } from '../core/case-facts';
import { parameterAt } from '../core/parameters';
import { CN_PARAMETER_IDS as P, type LargeAmountThreshold } from './cn-parameters';

/** Facts of a CN case read from its steps (the latest notice, the decision, payments…). */

export function days(def: ProcedureDefinition, id: string, date: string, record?: CaseRecord): number {
  return parameterAt<number>(def, id, date, record?.regionCode).value;
}

/** The large-amount threshold for this party on a date (fen). */
export function largeAmountThreshold(def: ProcedureDefinition, record: CaseRecord, date: string): number {
  const t = parameterAt<LargeAmountThreshold>(def, P.largeAmountThreshold, date, record.regionCode).value;
  return record.partyKind === 'individual' ? t.individualMinor : t.legalPersonMinor;
}

/** The current proposal's amount (the latest `propose`), or null. */
export function proposedAmount(record: CaseRecord): number | null {
  return numberIn(lastStep(record, 'propose'), 'amountMinor');
}

/**
 * Whether legal review (法制审核) is required before the decision (APL 2021 art. 58): the case is flagged major, or
 * the proposed amount reaches the large-amount threshold (the project's reading of "major rights and interests"),
 * or a hearing was held (checked separately, after the hearing).
 */
export function reviewRequiredBeforeNotice(
  def: ProcedureDefinition,
  record: CaseRecord,
  date: string,
): boolean {
  const amount = proposedAmount(record) ?? 0;
  return record.flags?.major === true || amount >= largeAmountThreshold(def, record, date);
}

export function latestNotice(record: CaseRecord): StepRecord | null {
  return lastStep(record, 'notify');
}

/** The last day of the statement/defence window opened by the latest notice, or null before a notice. */
export function statementLastDay(def: ProcedureDefinition, record: CaseRecord): string | null {
  const n = latestNotice(record);
  if (!n) return null;
  return def.calendar.addWorkingDays(n.date, days(def, P.statementWorkingDays, n.date));
}

/** The last day to request a hearing after the latest notice, or null when none was offered. */
export function hearingRequestLastDay(def: ProcedureDefinition, record: CaseRecord): string | null {
  const n = latestNotice(record);
  if (!n || !flagIn(n, 'hearingOffered')) return null;
  return def.calendar.addWorkingDays(n.date, days(def, P.hearingRequestWorkingDays, n.date));
}

/**
 * The last day the party's statement is accepted: the window's last day when the count is confirmed, the calendar's
 * safe bound when it runs over a year without a pinned notice (a provisional day must not cut the right short).
 */
export function statementAcceptedUntil(def: ProcedureDefinition, record: CaseRecord): string | null {
  const n = latestNotice(record);
  if (!n) return null;
  return def.calendar.partyLastDay(n.date, days(def, P.statementWorkingDays, n.date));
}

/** The last day the party's hearing request is accepted (as statementAcceptedUntil), or null when none was offered. */
export function hearingRequestAcceptedUntil(def: ProcedureDefinition, record: CaseRecord): string | null {
  const n = latestNotice(record);
  if (!n || !flagIn(n, 'hearingOffered')) return null;
  return def.calendar.partyLastDay(n.date, days(def, P.hearingRequestWorkingDays, n.date));
}

export function decision(record: CaseRecord): StepRecord | null {
  return lastStep(record, 'decide');
}

/** The day the fine was paid in full (the payment that brought the total to the decided amount), or null. */
export function paidInFullOn(record: CaseRecord): string | null {
  const d = decision(record);
  const amount = numberIn(d, 'amountMinor');
  if (!d || amount === null) return null;
  let total = 0;
  for (const p of stepsAfter(record, 'record-payment', d)) {
    total += numberIn(p, 'amountMinor') ?? 0;
    if (total >= amount) return p.date;
  }
  return null;
}

/** Fen paid after the decision. */
export function paidTotal(record: CaseRecord): number {
  return stepsAfter(record, 'record-payment', decision(record)).reduce(
    (t, p) => t + (numberIn(p, 'amountMinor') ?? 0),
    0,
  );
}

/** The publication step after the decision, or null. */
export function publication(record: CaseRecord): StepRecord | null {
  return lastStepAfter(record, 'publish', decision(record));
}

/** Days granted by `extend` steps for a deadline ('decision' or 'filing'). */
export function extensionDays(record: CaseRecord, target: 'decision' | 'filing'): number {
  return stepsOf(record, 'extend')
    .filter((s) => (stringIn(s, 'deadline') ?? 'decision') === target)
    .reduce((t, s) => t + (numberIn(s, 'days') ?? 0), 0);
}

/**
 * Calendar days the decision clock stood still for hearings: from each hearing request to the hearing (the SAMR
 * provisions exclude hearing time from the 90 days). A hearing still pending stops the clock until today; a request
 * that never led to a hearing (the case went elsewhere) stops nothing.
 */
export function hearingSuspension(
  def: ProcedureDefinition,
  record: CaseRecord,
  today: string,
): { days: number; pending: boolean } {
  let total = 0;
  let pending = false;
  for (const req of stepsOf(record, 'request-hearing')) {
    const heard = lastStepAfter(record, 'record-hearing', req);
    const end = heard ? heard.date : null;
    if (end) total += def.calendar.calendarDaysBetween(req.date, end);
    else if (record.state === 'hearing_requested' || record.state === 'hearing_scheduled') {
      pending = true;
      total += Math.max(0, def.calendar.calendarDaysBetween(req.date, today));
    }
  }
  return { days: total, pending };
}
