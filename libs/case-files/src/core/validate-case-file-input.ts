import {
  FINDING_REASONS,
  SITE_RULES,
  isValidCreditCode,
  isValidTimeZone,
  parseInstant,
  type FindingReason,
} from '@app/common';
import type { CaseFileAffectedPersonRow, CaseFileFindingRow, CaseFileInput } from '../case-file.types';

const SHA256 = /^[0-9a-f]{64}$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const REASONS: ReadonlySet<string> = new Set(FINDING_REASONS);
const RULES: ReadonlySet<string> = new Set(SITE_RULES);

function isCount(n: unknown): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/**
 * Every problem with the fixed part of a case-file input, as `path: problem` strings (empty when valid).
 * The streamed lists are checked row by row while rendering (`findingRowIssues`, `affectedPersonRowIssues`).
 */
export function caseFileInputIssues(input: CaseFileInput): string[] {
  const issues: string[] = [];
  const zone = input.firm?.timezone;
  const zoneOk = typeof zone === 'string' && isValidTimeZone(zone);
  const text = (path: string, v: unknown) => {
    if (typeof v !== 'string' || v.trim() === '') issues.push(`${path}: required text`);
  };
  const when = (path: string, v: unknown) => {
    if (typeof v !== 'string' || !zoneOk || parseInstant(v, zone) === null) {
      issues.push(`${path}: not an ISO 8601 date or instant`);
    }
  };
  const count = (path: string, v: unknown) => {
    if (!isCount(v)) issues.push(`${path}: not a non-negative integer`);
  };
  const decimal = (path: string, v: unknown) => {
    if (typeof v !== 'string' || !DECIMAL.test(v)) issues.push(`${path}: not a non-negative decimal string`);
  };

  text('caseNumber', input.caseNumber);
  text('authority.name', input.authority?.name);
  text('firm.name', input.firm?.name);
  text('firm.region', input.firm?.region);
  if (typeof input.firm?.creditCode !== 'string' || !isValidCreditCode(input.firm.creditCode)) {
    issues.push('firm.creditCode: not a valid unified social credit code');
  }
  if (!zoneOk) issues.push('firm.timezone: not an IANA time zone');
  when('openedAt', input.openedAt);
  when('issuedAt', input.issuedAt);
  when('inspectionPeriod.from', input.inspectionPeriod?.from);
  when('inspectionPeriod.to', input.inspectionPeriod?.to);
  if (zoneOk && issues.length === 0) {
    const from = parseInstant(input.inspectionPeriod.from, zone)!;
    const to = parseInstant(input.inspectionPeriod.to, zone)!;
    if (from > to) issues.push('inspectionPeriod: from is after to');
    if (parseInstant(input.openedAt, zone)! > parseInstant(input.issuedAt, zone)!) {
      issues.push('issuedAt: before openedAt');
    }
  }

  const f = input.facts;
  text('facts.summary', f?.summary);
  count('facts.capturesAudited', f?.capturesAudited);
  count('facts.capturesWithoutValidConsent', f?.capturesWithoutValidConsent);
  count('facts.affectedSubjects', f?.affectedSubjects);
  count('facts.unidentifiedCaptures', f?.unidentifiedCaptures);

  (input.legalBasis ?? []).forEach((b, i) => {
    text(`legalBasis[${i}].citation`, b.citation);
    text(`legalBasis[${i}].text`, b.text);
  });
  if (!input.legalBasis?.length) issues.push('legalBasis: at least one provision is required');

  (input.evidence ?? []).forEach((e, i) => {
    const p = `evidence[${i}]`;
    text(`${p}.fileName`, e.fileName);
    if (typeof e.sha256 !== 'string' || !SHA256.test(e.sha256))
      issues.push(`${p}.sha256: not lower-case hex SHA-256`);
    for (const k of ['size', 'read', 'accepted', 'duplicates', 'rejected'] as const) count(`${p}.${k}`, e[k]);
    when(`${p}.receivedAt`, e.receivedAt);
  });

  (input.findingsByReason ?? []).forEach((r, i) => {
    if (!REASONS.has(r.reason))
      issues.push(`findingsByReason[${i}].reason: unknown reason ${String(r.reason)}`);
    count(`findingsByReason[${i}].captures`, r.captures);
    count(`findingsByReason[${i}].subjects`, r.subjects);
  });
  (input.findingsBySite ?? []).forEach((s, i) => {
    text(`findingsBySite[${i}].siteId`, s.siteId);
    for (const [reason, n] of Object.entries(s.byReason ?? {})) {
      if (!REASONS.has(reason)) issues.push(`findingsBySite[${i}].byReason: unknown reason ${reason}`);
      count(`findingsBySite[${i}].byReason.${reason}`, n);
    }
  });
  (input.siteFindings ?? []).forEach((s, i) => {
    if (!RULES.has(s.rule)) issues.push(`siteFindings[${i}].rule: unknown rule ${String(s.rule)}`);
  });

  const pen = input.penalty;
  text('penalty.rulebook', pen?.rulebook);
  text('penalty.version', pen?.version);
  if (typeof pen?.currency !== 'string' || !/^[A-Z]{3}$/.test(pen.currency)) {
    issues.push('penalty.currency: not an ISO 4217 code');
  }
  decimal('penalty.amount', pen?.amount);
  decimal('penalty.min', pen?.min);
  decimal('penalty.max', pen?.max);
  (pen?.steps ?? []).forEach((s, i) => {
    text(`penalty.steps[${i}].id`, s.id);
    text(`penalty.steps[${i}].description`, s.description);
  });

  if (typeof input.findings !== 'function')
    issues.push('findings: must be a function returning an async iterable');
  if (typeof input.affectedPersons !== 'function') {
    issues.push('affectedPersons: must be a function returning an async iterable');
  }
  (input.appealRights ?? []).forEach((p, i) => {
    text(`appealRights[${i}].zh`, p.zh);
    text(`appealRights[${i}].en`, p.en);
  });
  return issues;
}

function reasonIssue(reason: unknown): string | null {
  return REASONS.has(reason as FindingReason) ? null : `reason: unknown reason ${String(reason)}`;
}

/** Problems with one streamed finding row (empty when valid). */
export function findingRowIssues(row: CaseFileFindingRow, zone: string): string[] {
  const issues: string[] = [];
  const r = reasonIssue(row.reason);
  if (r) issues.push(r);
  if (!row.deviceId) issues.push('deviceId: required');
  if (!isCount(row.captureCount) || row.captureCount < 1) issues.push('captureCount: not a positive integer');
  const first = parseInstant(String(row.firstAt), zone);
  const last = parseInstant(String(row.lastAt), zone);
  if (first === null) issues.push('firstAt: not an ISO 8601 instant');
  if (last === null) issues.push('lastAt: not an ISO 8601 instant');
  if (first !== null && last !== null && first > last) issues.push('lastAt: before firstAt');
  if (!Array.isArray(row.consentIds)) issues.push('consentIds: not a list');
  return issues;
}

/** Problems with one streamed affected-person row (empty when valid). */
export function affectedPersonRowIssues(row: CaseFileAffectedPersonRow, zone: string): string[] {
  const issues: string[] = [];
  if (!row.subjectRef) issues.push('subjectRef: required');
  if (!isCount(row.captures) || row.captures < 1) issues.push('captures: not a positive integer');
  const first = parseInstant(String(row.firstAt), zone);
  const last = parseInstant(String(row.lastAt), zone);
  if (first === null) issues.push('firstAt: not an ISO 8601 instant');
  if (last === null) issues.push('lastAt: not an ISO 8601 instant');
  if (first !== null && last !== null && first > last) issues.push('lastAt: before firstAt');
  for (const reason of row.reasons ?? []) {
    const r = reasonIssue(reason);
    if (r) issues.push(r);
  }
  return issues;
}
