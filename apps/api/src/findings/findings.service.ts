import { Injectable } from '@nestjs/common';
import type { CapturePurpose, ConsentMethod, Purpose } from '@app/common';
import { ConsentIndex } from '@app/detection';
import { consentLawSchedule } from '@app/law';
import {
  FindingsQueryRepository,
  type FindingConsentRow,
  type FindingRowView,
  type FindingsFilter,
  type FirmScope,
} from '@app/persistence';
import { notFound } from '../common/not-found';
import { decodeCursor, DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination';
import { ValidationError } from '../problem/problem';
import type { FindingDetailDto, FindingDto, FindingsQueryDto } from './findings.dto';
import { parsePeriod } from './period';

/** How many captures a drill-down lists (a finding can group thousands; `captureCount` says how many). */
export const DRILL_DOWN_CAPTURES = 200;

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

const findingOf = (f: FindingRowView): FindingDto => ({
  id: f.id,
  firm: f.firmCreditCode,
  caseId: f.caseId,
  caseNumber: f.caseNumber,
  kind: f.kind,
  reason: f.reason,
  subjectRef: f.subjectRef,
  device: f.deviceCode,
  site: f.siteCode,
  purpose: f.purpose,
  captureCount: f.captureCount,
  firstAt: iso(f.firstAt),
  lastAt: iso(f.lastAt),
});

/** Findings across cases, filtered and paged by keyset, and each one's drill-down to its input lines. */
@Injectable()
export class FindingsService {
  constructor(private readonly findings: FindingsQueryRepository) {}

  async list(scope: FirmScope, q: FindingsQueryDto): Promise<Page<FindingDto>> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const filter: FindingsFilter = {
      ...(q.firm !== undefined ? { firmCreditCode: q.firm } : {}),
      ...(q.reason !== undefined ? { reason: q.reason } : {}),
      ...(q.device !== undefined ? { deviceCode: q.device } : {}),
      ...(q.case !== undefined ? { caseNumber: q.case } : {}),
      ...(q.order === 'desc' ? { descending: true } : {}),
    };
    if (q.period !== undefined) {
      const range = parsePeriod(q.period);
      if (!range)
        throw new ValidationError([{ field: 'period', message: 'period is not a valid date range' }]);
      Object.assign(filter, range);
    }
    const after = decodeCursor(q.cursor, 'string');
    if (after !== null && !/^\d{1,18}$/.test(after)) {
      throw new ValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
    }
    const rows = await this.findings.page(scope, filter, after, limit + 1);
    return pageOf(rows, limit, (r) => r.id, findingOf);
  }

  async detail(scope: FirmScope, id: string): Promise<FindingDetailDto> {
    const f = /^\d{1,18}$/.test(id) ? await this.findings.finding(scope, id) : null;
    if (!f) throw notFound('finding', id);
    const [captures, consents] = await Promise.all([
      this.findings.capturesOf(f.captureIds, DRILL_DOWN_CAPTURES),
      this.findings.consentsOf(f.consentIds),
    ]);
    return {
      ...findingOf(f),
      captures: captures.map((c) => ({
        eventId: c.eventKey,
        occurredAt: c.occurredAt.toISOString(),
        eventType: c.eventType,
        device: c.deviceCode,
        source: {
          batch: c.batchId,
          fileName: c.fileName,
          sourceEntry: c.sourceEntry,
          lineNo: c.lineNo,
          batchSha256: c.batchSha256,
        },
      })),
      consents: consents.map((c) => ({
        consentId: c.consentId,
        givenAt: c.givenAt.toISOString(),
        purposes: c.purposes,
        method: c.method,
        separateConsent: c.separateConsent,
        guardianConsent: c.guardianConsent,
        withdrawnAt: iso(c.withdrawnAt),
        expiresAt: iso(c.expiresAt),
        failedBecause: captures.length > 0 ? failedBecause(c, captures[0].occurredAt, f) : null,
        source: {
          batch: c.batchId,
          fileName: c.fileName,
          sourceEntry: c.sourceEntry,
          lineNo: c.lineNo,
          batchSha256: c.batchSha256,
        },
      })),
    };
  }
}

/**
 * Why one consent record does not cover a capture, decided by the tested detection core (one path, not a
 * second copy of the rule): the record alone is indexed under the law in force and the capture judged
 * against it, so the verdict's reason is the first coverage step this record fails.
 */
function failedBecause(
  c: FindingConsentRow,
  occurredAt: Date,
  f: { purpose: string | null; firmTimezone: string },
): string | null {
  const index = new ConsentIndex(
    [
      {
        id: 1,
        subjectRef: c.subjectRef,
        givenAt: c.givenAt.getTime(),
        // A text[] may come back as its literal ('{a,b}') from the embedded engine.
        purposes: (Array.isArray(c.purposes)
          ? c.purposes
          : String(c.purposes)
              .replace(/^\{|\}$/g, '')
              .split(',')
              .filter(Boolean)) as Purpose[],
        method: c.method as ConsentMethod,
        separateConsent: c.separateConsent,
        guardianConsent: c.guardianConsent,
        subjectBirthDate: c.subjectBirthDate,
        withdrawnAt: c.withdrawnAt?.getTime() ?? null,
        expiresAt: c.expiresAt?.getTime() ?? null,
      },
    ],
    f.firmTimezone,
    consentLawSchedule(),
  );
  const verdict = index.evaluate({
    id: 1,
    deviceId: '',
    subjectRef: c.subjectRef,
    occurredAt: occurredAt.getTime(),
    purpose: (f.purpose ?? 'unspecified') as CapturePurpose,
  });
  return verdict.covered ? null : verdict.reason;
}
