import {
  DomainError,
  FINDING_REASONS,
  SITE_RULES,
  isValidCreditCode,
  isValidTimeZone,
  parseInstant,
  type BilingualText,
  type FindingReason,
} from '@app/common';
import type {
  CaseFileAffectedPersonRow,
  CaseFileDecision,
  CaseFileFindingRow,
  CaseFileInput,
  CaseFileQuarantineRow,
} from '../case-file.types';
import { CaseFileErrorCode } from '../case-files.errors';

const SHA256 = /^[0-9a-f]{64}$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const REASONS: ReadonlySet<string> = new Set(FINDING_REASONS);
const RULES: ReadonlySet<string> = new Set(SITE_RULES);

function isCount(n: unknown): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every problem with the fixed part of a case-file input, as `path: problem` strings (empty when valid).
 * The streamed lists are checked row by row while rendering (`findingRowIssues`, `affectedPersonRowIssues`,
 * `quarantineRowIssues`).
 */
export function caseFileInputIssues(input: CaseFileInput): string[] {
  const issues: string[] = [];
  const zone = input.firm?.timezone;
  const zoneOk = typeof zone === 'string' && isValidTimeZone(zone);
  const text = (path: string, v: unknown) => {
    if (typeof v !== 'string' || v.trim() === '') issues.push(`${path}: required text`);
  };
  const both = (path: string, v: BilingualText | null | undefined) => {
    text(`${path}.zh`, v?.zh);
    text(`${path}.en`, v?.en);
  };
  const when = (path: string, v: unknown) => {
    if (typeof v !== 'string' || !zoneOk || parseInstant(v, zone) === null) {
      issues.push(`${path}: not an ISO 8601 date or instant`);
    }
  };
  const day = (path: string, v: unknown, nullable = false) => {
    if (nullable && v === null) return;
    if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      issues.push(`${path}: not a YYYY-MM-DD date`);
    }
  };
  const count = (path: string, v: unknown) => {
    if (!isCount(v)) issues.push(`${path}: not a non-negative integer`);
  };
  const decimal = (path: string, v: unknown) => {
    if (typeof v !== 'string' || !DECIMAL.test(v)) issues.push(`${path}: not a non-negative decimal string`);
  };

  text('caseNumber', input.caseNumber);
  const langs = input.languages;
  if (!Array.isArray(langs) || langs[0] !== 'zh' || langs.some((l) => l !== 'zh' && l !== 'en')) {
    issues.push("languages: must be ['zh'] or ['zh', 'en']");
  }
  (input.draftReasons ?? []).forEach((r, i) => both(`draftReasons[${i}]`, r));
  if (!Array.isArray(input.draftReasons)) issues.push('draftReasons: not a list');

  const a = input.authority;
  both('authority.name', a?.name);
  if (typeof a?.region?.code !== 'string' || !/^\d{6}$/.test(a.region.code)) {
    issues.push('authority.region.code: not a six-digit administrative division code');
  }
  both('authority.region.name', a?.region?.name);
  const handling = a?.officers?.handling ?? [];
  if (handling.length < 2) issues.push('authority.officers.handling: at least two officers (APL art. 42)');
  handling.forEach((o, i) => {
    text(`authority.officers.handling[${i}].name`, o.name);
    text(`authority.officers.handling[${i}].certificate`, o.certificate);
  });
  text('authority.officers.legalReviewer', a?.officers?.legalReviewer);
  text('authority.officers.head', a?.officers?.head);

  text('firm.name', input.firm?.name);
  text('firm.region', input.firm?.region);
  if (typeof input.firm?.creditCode !== 'string' || !isValidCreditCode(input.firm.creditCode)) {
    issues.push('firm.creditCode: not a valid unified social credit code');
  }
  if (!zoneOk) issues.push('firm.timezone: not an IANA time zone');

  const d = input.dates;
  day('dates.discoveryDate', d?.discoveryDate, true);
  day('dates.filingDate', d?.filingDate, true);
  day('dates.decisionDate', d?.decisionDate);
  if (issues.length === 0) {
    if (d.discoveryDate && d.filingDate && d.discoveryDate > d.filingDate) {
      issues.push('dates.filingDate: before the discovery date');
    }
    if (d.filingDate && d.filingDate > d.decisionDate)
      issues.push('dates.decisionDate: before the filing date');
  }
  when('inspectionPeriod.from', input.inspectionPeriod?.from);
  when('inspectionPeriod.to', input.inspectionPeriod?.to);
  if (zoneOk && issues.length === 0) {
    const from = parseInstant(input.inspectionPeriod.from, zone)!;
    const to = parseInstant(input.inspectionPeriod.to, zone)!;
    if (from > to) issues.push('inspectionPeriod: from is after to');
  }

  const f = input.facts;
  both('facts.summary', f?.summary);
  count('facts.capturesAudited', f?.capturesAudited);
  count('facts.capturesWithoutValidConsent', f?.capturesWithoutValidConsent);
  count('facts.affectedSubjects', f?.affectedSubjects);
  count('facts.unidentifiedCaptures', f?.unidentifiedCaptures);
  (f?.periods ?? []).forEach((p, i) => {
    const at = `facts.periods[${i}]`;
    both(`${at}.label`, p.label);
    both(`${at}.rule`, p.rule);
    both(`${at}.summary`, p.summary);
    when(`${at}.from`, p.from);
    when(`${at}.to`, p.to);
    count(`${at}.capturesWithoutValidConsent`, p.capturesWithoutValidConsent);
    count(`${at}.affectedSubjects`, p.affectedSubjects);
    for (const [reason, n] of Object.entries(p.byReason ?? {})) {
      if (!REASONS.has(reason)) issues.push(`${at}.byReason: unknown reason ${reason}`);
      count(`${at}.byReason.${reason}`, n);
    }
  });
  if (!Array.isArray(f?.periods)) issues.push('facts.periods: not a list');

  (input.legalBasis ?? []).forEach((b, i) => {
    both(`legalBasis[${i}].period`, b.period);
    (b.articles ?? []).forEach((art, j) => {
      both(`legalBasis[${i}].articles[${j}].label`, art.label);
      both(`legalBasis[${i}].articles[${j}].text`, art.text);
    });
    if (!b.articles?.length) issues.push(`legalBasis[${i}].articles: at least one article is required`);
  });
  if (!input.legalBasis?.length) issues.push('legalBasis: at least one law period is required');

  (input.evidence ?? []).forEach((e, i) => {
    const p = `evidence[${i}]`;
    text(`${p}.fileName`, e.fileName);
    if (typeof e.sha256 !== 'string' || !SHA256.test(e.sha256))
      issues.push(`${p}.sha256: not lower-case hex SHA-256`);
    for (const k of ['size', 'read', 'accepted', 'duplicates', 'rejected'] as const) count(`${p}.${k}`, e[k]);
    if (e.conflicts !== undefined) count(`${p}.conflicts`, e.conflicts);
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
    if (s.detail) both(`siteFindings[${i}].detail`, s.detail);
  });

  decisionIssues(input.decision, issues, { text, both, day, decimal });

  for (const list of ['findings', 'affectedPersons', 'quarantined'] as const) {
    if (typeof input[list] !== 'function')
      issues.push(`${list}: must be a function returning an async iterable`);
  }
  (input.appealRights ?? []).forEach((p, i) => both(`appealRights[${i}]`, p));
  return issues;
}

interface Checks {
  text: (path: string, v: unknown) => void;
  both: (path: string, v: BilingualText | null | undefined) => void;
  day: (path: string, v: unknown, nullable?: boolean) => void;
  decimal: (path: string, v: unknown) => void;
}

function decisionIssues(d: CaseFileDecision | undefined, issues: string[], c: Checks): void {
  if (!d || !['fine', 'no-penalty', 'time-barred'].includes(d.outcome)) {
    issues.push("decision.outcome: must be 'fine', 'no-penalty' or 'time-barred'");
    return;
  }
  if (d.outcome !== 'fine') c.both('decision.reason', d.reason);
  if (d.outcome === 'time-barred' && !d.limitation) {
    issues.push('decision.limitation: required for a time-barred case');
  }
  if (d.limitation) {
    const l = d.limitation;
    c.day('decision.limitation.conductEnded', l.conductEnded);
    c.day('decision.limitation.discoveryDate', l.discoveryDate);
    c.day('decision.limitation.deadline', l.deadline);
    c.both('decision.limitation.citation', l.citation);
  }
  if (d.lawApplied) c.both('decision.lawApplied', d.lawApplied);
  (d.measures ?? []).forEach((m, i) => c.both(`decision.measures[${i}]`, m));
  if (d.outcome !== 'fine') return;
  const pen = d.penalty;
  if (!pen) {
    issues.push('decision.penalty: required for a fine');
    return;
  }
  c.text('decision.penalty.rulebook.id', pen.rulebook?.id);
  c.text('decision.penalty.rulebook.version', pen.rulebook?.version);
  c.both('decision.penalty.rulebook.title', pen.rulebook?.title);
  if (typeof pen.currency !== 'string' || !/^[A-Z]{3}$/.test(pen.currency)) {
    issues.push('decision.penalty.currency: not an ISO 4217 code');
  }
  c.decimal('decision.penalty.amount', pen.amount);
  c.decimal('decision.penalty.min', pen.min);
  c.decimal('decision.penalty.max', pen.max);
  c.both('decision.penalty.tier.label', pen.tier?.label);
  (pen.steps ?? []).forEach((s, i) => {
    c.text(`decision.penalty.steps[${i}].id`, s.id);
    c.both(`decision.penalty.steps[${i}].description`, s.description);
  });
  (pen.assumptions ?? []).forEach((s, i) => c.both(`decision.penalty.assumptions[${i}]`, s));
  (pen.precedents ?? []).forEach((p, i) => {
    c.both(`decision.penalty.precedents[${i}].authority`, p.authority);
    c.both(`decision.penalty.precedents[${i}].defendant`, p.defendant);
    c.text(`decision.penalty.precedents[${i}].publication`, p.publication);
    if (/https?:\/\//.test(p.publication ?? '')) {
      issues.push(
        `decision.penalty.precedents[${i}].publication: cite the publication and date, not an address`,
      );
    }
  });
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
  if (!Array.isArray(row.consentRefs)) issues.push('consentRefs: not a list');
  for (const [key, ref] of [
    ['firstCapture', row.firstCapture],
    ['lastCapture', row.lastCapture],
  ] as const) {
    if (ref === null) continue;
    if (
      !ref ||
      !ref.eventKey ||
      !ref.fileName ||
      !isCount(ref.lineNo) ||
      !SHA256.test(ref.batchSha256 ?? '')
    ) {
      issues.push(`${key}: needs eventKey, fileName, lineNo and batchSha256`);
    }
  }
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

/** Problems with one streamed rejected or conflicting record (empty when valid). */
export function quarantineRowIssues(row: CaseFileQuarantineRow): string[] {
  const issues: string[] = [];
  if (row.kind !== 'rejected' && row.kind !== 'conflict') issues.push('kind: must be rejected or conflict');
  if (!row.fileName) issues.push('fileName: required');
  if (!SHA256.test(row.batchSha256 ?? '')) issues.push('batchSha256: not lower-case hex SHA-256');
  if (!isCount(row.lineNo)) issues.push('lineNo: not a non-negative integer');
  if (!row.reasonCode) issues.push('reasonCode: required');
  return issues;
}

/** The error a malformed streamed row stops the render with, naming its list and 1-based row number. */
export function invalidRowError(list: string, index: number, issues: string[]): DomainError {
  return new DomainError(
    CaseFileErrorCode.InvalidRow,
    `${list} row ${index + 1} is invalid: ${issues.join('; ')}`,
    { list, row: index + 1, issues },
  );
}
