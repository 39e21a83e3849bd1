import { DateTime } from 'luxon';
import { DomainError, isValidCreditCode, parseIsoDate } from '@app/common';
import { APL_2021_IN_FORCE } from '@app/law';
import { PROCEDURE_DOCUMENT_KINDS } from '@app/procedure';
import { CaseFileErrorCode } from '../case-files.errors';
import type { ProcedureDocumentInput } from './procedure-document.types';

const KINDS: ReadonlySet<string> = new Set(PROCEDURE_DOCUMENT_KINDS);
const SHA256 = /^[0-9a-f]{64}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** APL (2021) art. 64(2): the party is told the time and place at least seven days before the hearing. */
export const HEARING_NOTICE_DAYS = 7;

/** Calendar days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days;
}

/**
 * Every problem with a procedure document's input, as `path: problem` strings (empty when it can be rendered).
 * Beyond the shape it refuses what no authority could sign: a notice or decision without the penalty it
 * announces, a hearing notice without a hearing or with less than seven days' notice, a decision without the
 * routes of appeal (APL art. 59(5)), deadlines before the document exists.
 */
export function procedureDocumentIssues(input: ProcedureDocumentInput): string[] {
  const issues: string[] = [];
  const text = (path: string, v: unknown) => {
    if (typeof v !== 'string' || v.trim() === '') issues.push(`${path}: required text`);
  };
  const optionalText = (path: string, v: unknown) => {
    if (v !== null && v !== undefined && (typeof v !== 'string' || v.trim() === '')) {
      issues.push(`${path}: empty text (null when absent)`);
    }
  };
  const day = (path: string, v: unknown): v is string => {
    if (typeof v === 'string' && parseIsoDate(v) === v) return true;
    issues.push(`${path}: not a YYYY-MM-DD date`);
    return false;
  };
  const minor = (path: string, v: unknown, positive: boolean) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < (positive ? 1 : 0)) {
      issues.push(`${path}: not a ${positive ? 'positive' : 'non-negative'} integer amount in fen`);
    }
  };

  for (const list of ['handlers', 'evidence', 'legalBasis', 'timeline'] as const) {
    if (!Array.isArray(input[list])) issues.push(`${list}: not a list (empty when there is nothing)`);
  }
  if (!KINDS.has(input.kind)) issues.push(`kind: unknown document kind ${String(input.kind)}`);
  const langs = Array.isArray(input.languages) ? input.languages : [];
  if (!langs.includes('zh')) issues.push('languages: must include zh (Chinese is the authentic text)');
  if (langs.some((l) => l !== 'zh' && l !== 'en')) issues.push('languages: only zh and en are supported');

  text('authority.nameZh', input.authority?.nameZh);
  optionalText('authority.nameEn', input.authority?.nameEn);
  optionalText('authority.address', input.authority?.address);
  optionalText('authority.phone', input.authority?.phone);
  if (typeof input.authority?.placeholder !== 'boolean') issues.push('authority.placeholder: not a boolean');
  text('caseNumber', input.caseNumber);
  optionalText('docketNumber', input.docketNumber);
  text('documentNumber', input.documentNumber);
  const issued = day('issuedOn', input.issuedOn) ? input.issuedOn : null;
  // The documents cite the 2021 APL (arts. 44, 45, 59, 63, 64, 67, 72): an earlier date needs the 2017 text.
  if (issued && issued < APL_2021_IN_FORCE)
    issues.push(`issuedOn: before the 2021 APL (in force ${APL_2021_IN_FORCE})`);
  text('firm.name', input.firm?.name);
  if (typeof input.firm?.creditCode !== 'string' || !isValidCreditCode(input.firm.creditCode)) {
    issues.push('firm.creditCode: not a valid unified social credit code (GB 32100)');
  }
  optionalText('firm.address', input.firm?.address);
  (input.handlers ?? []).forEach((h, i) => {
    text(`handlers[${i}].name`, h.name);
    optionalText(`handlers[${i}].certificateNumber`, h.certificateNumber);
  });
  if (input.approver) {
    text('approver.name', input.approver.name);
    text('approver.roleZh', input.approver.roleZh);
  }
  if (input.facts) {
    text('facts.summaryZh', input.facts.summaryZh);
    optionalText('facts.summaryEn', input.facts.summaryEn);
    for (const k of ['captures', 'persons'] as const) {
      const n = input.facts[k];
      if (!Number.isSafeInteger(n) || n < 0) issues.push(`facts.${k}: not a non-negative integer`);
    }
    for (const k of ['firstCapture', 'lastCapture'] as const) {
      const v: unknown = input.facts[k];
      // An instant or a date; the documents print its calendar date.
      if (v !== null) day(`facts.${k}`, typeof v === 'string' ? v.slice(0, 10) : v);
    }
    if (!Array.isArray(input.facts.byReason)) issues.push('facts.byReason: not a list');
  }
  (input.evidence ?? []).forEach((e, i) => {
    text(`evidence[${i}].labelZh`, e.labelZh);
    if (typeof e.sha256 !== 'string' || !SHA256.test(e.sha256))
      issues.push(`evidence[${i}].sha256: not a lower-case SHA-256`);
  });
  (input.legalBasis ?? []).forEach((b, i) => text(`legalBasis[${i}].zh`, b.zh));
  const p = input.penalty;
  if (p) {
    minor('penalty.amountMinor', p.amountMinor, true);
    if (p.currency !== 'CNY') issues.push('penalty.currency: only CNY is supported');
    if (p.rangeMinMinor !== null) minor('penalty.rangeMinMinor', p.rangeMinMinor, false);
    if (p.rangeMaxMinor !== null) minor('penalty.rangeMaxMinor', p.rangeMaxMinor, true);
    if (p.rangeMinMinor !== null && p.amountMinor < p.rangeMinMinor) {
      issues.push('penalty.amountMinor: below the statutory range');
    }
    if (p.rangeMaxMinor !== null && p.amountMinor > p.rangeMaxMinor) {
      issues.push('penalty.amountMinor: above the statutory range');
    }
  }
  const r = input.rights;
  if (!r) issues.push('rights: required (empty lists and nulls when none apply)');
  const after = (path: string, v: string | null | undefined) => {
    if (v === null || v === undefined) return;
    if (day(path, v) && issued && v < issued) issues.push(`${path}: before the document is issued`);
  };
  after('rights.statementDue', r?.statementDue);
  after('rights.hearingDue', r?.hearingDue);
  (r?.appeal ?? []).forEach((a, i) => {
    text(`rights.appeal[${i}].routeZh`, a.routeZh);
    text(`rights.appeal[${i}].articleZh`, a.articleZh);
    if (!Number.isSafeInteger(a.days) || a.days < 1)
      issues.push(`rights.appeal[${i}].days: not a positive integer`);
    if (a.months != null && (!Number.isSafeInteger(a.months) || a.months < 1)) {
      issues.push(`rights.appeal[${i}].months: not a positive integer`);
    }
  });
  if (input.hearing) {
    text('hearing.place', input.hearing.place);
    if (input.hearing.time !== null && !TIME.test(input.hearing.time)) issues.push('hearing.time: not HH:mm');
    if (day('hearing.date', input.hearing.date) && issued) {
      if (daysBetween(issued, input.hearing.date) < HEARING_NOTICE_DAYS) {
        issues.push(`hearing.date: less than ${HEARING_NOTICE_DAYS} days after the notice (APL art. 64(2))`);
      }
    }
  }
  if (input.service) {
    text('service.method', input.service.method);
    text('service.recipient', input.service.recipient);
    // Recorded after the fact as often as before: the service date may precede the receipt's issue date.
    day('service.servedOn', input.service.servedOn);
  }
  (input.timeline ?? []).forEach((t, i) => {
    day(`timeline[${i}].date`, t.date);
    text(`timeline[${i}].actionZh`, t.actionZh);
  });
  if (input.servedDocument) {
    text('servedDocument.titleZh', input.servedDocument.titleZh);
    text('servedDocument.documentNumber', input.servedDocument.documentNumber);
  }
  if (input.transferTo) text('transferTo.nameZh', input.transferTo.nameZh);
  if (input.payment) text('payment.instructionsZh', input.payment.instructionsZh);
  optionalText('reason', input.reason);
  optionalText('note', input.note);

  const facts = !!input.facts;
  const basis = (input.legalBasis ?? []).length > 0;
  const appeal = (r?.appeal ?? []).length > 0;
  switch (input.kind) {
    case 'filing-approval':
      if (!facts) issues.push('facts: a filing approval states the suspected facts');
      break;
    case 'penalty-notice':
      if (!p) issues.push('penalty: a penalty notice announces a proposed penalty');
      if (!facts) issues.push('facts: a penalty notice states the facts (APL art. 44)');
      if (!basis) issues.push('legalBasis: a penalty notice states its legal basis (APL art. 44)');
      if (!r?.statementDue)
        issues.push('rights.statementDue: a penalty notice gives the last day to state and defend');
      if (r?.hearingDue && r.statementDue && r.hearingDue > r.statementDue) {
        // Not impossible, but the hearing request (5 days, art. 64(1)) always falls within the statement period.
        issues.push('rights.hearingDue: after the last day to state and defend');
      }
      break;
    case 'hearing-notice':
      if (!input.hearing) issues.push('hearing: a hearing notice needs the hearing (date, place)');
      break;
    case 'decision':
      if (!p) issues.push('penalty: a penalty decision imposes a penalty');
      if (!facts) issues.push('facts: a decision states the facts and evidence (APL art. 59(2))');
      if (!basis) issues.push('legalBasis: a decision states its legal basis (APL art. 59(3))');
      if (!appeal) issues.push('rights.appeal: a decision states the routes of appeal (APL art. 59(5))');
      if (!input.firm?.address)
        issues.push("firm.address: a decision states the party's address (APL art. 59(1))");
      break;
    case 'no-penalty-decision':
      if (p) issues.push('penalty: a decision not to impose a penalty carries no penalty');
      if (!input.reason) issues.push('reason: a decision not to impose a penalty states why');
      if (!appeal) issues.push('rights.appeal: a decision states the routes of appeal');
      if (!input.firm?.address) issues.push("firm.address: a decision states the party's address");
      break;
    case 'service-receipt':
      if (!input.service)
        issues.push('service: a service receipt records the service (method, date, recipient)');
      break;
    case 'closing-report':
      if ((input.timeline ?? []).length === 0)
        issues.push('timeline: a closing report lists the steps taken');
      break;
    case 'withdrawal':
      if (!input.reason) issues.push('reason: a withdrawal states why the filing is withdrawn');
      break;
    case 'transfer':
      if (!input.reason) issues.push('reason: a transfer letter states why the case is transferred');
      break;
  }
  return issues;
}

/** Throws `CASE_FILE.INVALID_INPUT` listing every problem, or returns when the document can be rendered. */
export function assertValidProcedureDocumentInput(input: ProcedureDocumentInput): void {
  const issues = procedureDocumentIssues(input);
  if (issues.length > 0) {
    throw new DomainError(
      CaseFileErrorCode.InvalidInput,
      `${String(input.kind)} input is invalid: ${issues.join('; ')}`,
      { issues },
    );
  }
}
