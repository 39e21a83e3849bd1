import { Injectable } from '@nestjs/common';
import {
  FirmNoticeRepository,
  ReauditRepository,
  RegistryQueryRepository,
  type BatchRow,
  type FirmScope,
  type FirmSummaryRow,
} from '@app/persistence';
import type { BatchDto } from '../batches/batches.dto';
import { notFound } from '../common/not-found';
import { decodeCursor, DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination';
import type { FirmCoverageDto, FirmDetailDto, FirmDto, FirmNoticeDto, FirmSupervisionDto } from './firms.dto';

const firmOf = (f: FirmSummaryRow): FirmDto => ({
  creditCode: f.creditCode,
  name: f.name,
  region: f.region,
  timezone: f.timezone,
  registeredAt: f.registeredAt.toISOString(),
});

/** A batch row as the API shows it (custody facts and reconciled counts; never the storage path). */
export function batchOf(b: BatchRow): BatchDto {
  return {
    id: b.id,
    firm: b.firmCreditCode,
    kind: b.kind,
    fileName: b.fileName,
    sourceEntry: b.sourceEntry,
    fileSize: b.fileSize,
    sha256: b.sha256,
    format: b.format,
    captureFormat: b.captureFormat,
    encoding: b.encoding,
    receivedBy: b.submittedBy,
    receivedFrom: b.submittedFrom,
    receivedAt: b.receivedAt.toISOString(),
    completedAt: b.completedAt?.toISOString() ?? null,
    status: b.status,
    failureCode: b.failureCode,
    failureMessage: b.failureMessage,
    counts: {
      read: b.read,
      accepted: b.accepted,
      duplicates: b.duplicates,
      conflicts: b.conflicts,
      skipped: b.skipped,
      rejected: b.rejected,
    },
  };
}

/** Firms, their sites, devices and batches, as far as the caller's scope reaches. */
@Injectable()
export class FirmsService {
  constructor(
    private readonly registry: RegistryQueryRepository,
    private readonly notices: FirmNoticeRepository,
    private readonly reaudits: ReauditRepository,
  ) {}

  async list(scope: FirmScope, cursor: string | undefined, limit = DEFAULT_LIMIT): Promise<Page<FirmDto>> {
    const rows = await this.registry.firmsPage(scope, decodeCursor(cursor, 'string'), limit + 1);
    return pageOf(rows, limit, (r) => r.creditCode, firmOf);
  }

  async detail(scope: FirmScope, creditCode: string): Promise<FirmDetailDto> {
    const firm = await this.registry.firm(scope, creditCode);
    if (!firm) throw notFound('firm', creditCode);
    const [sites, devices, batches] = await Promise.all([
      this.registry.sitesOf(firm.id),
      this.registry.devicesOf(firm.id),
      this.registry.batchSummaryOf(firm.id),
    ]);
    return { ...firmOf(firm), sites, devices, batches };
  }

  async batches(
    scope: FirmScope,
    creditCode: string,
    cursor: string | undefined,
    limit = DEFAULT_LIMIT,
  ): Promise<Page<BatchDto>> {
    const firm = await this.registry.firm(scope, creditCode);
    if (!firm) throw notFound('firm', creditCode);
    const rows = await this.registry.batchesOf(firm.id, decodeCursor(cursor, 'string'), limit + 1);
    return pageOf(rows, limit, (r) => r.id, batchOf);
  }

  /** The firm's captures per month in its time zone, and how many a capture finding names. */
  async coverage(scope: FirmScope, creditCode: string): Promise<FirmCoverageDto> {
    const firm = await this.registry.firm(scope, creditCode);
    if (!firm) throw notFound('firm', creditCode);
    const months = await this.registry.coverageOf(firm.id, firm.timezone);
    return {
      firm: firm.creditCode,
      timezone: firm.timezone,
      months: months.map((m) => ({ ...m, covered: m.captures - m.flagged })),
    };
  }

  /** The consent watch's notices to the firm, newest first: what its account reads and its page notes. */
  async noticesOf(scope: FirmScope, creditCode: string): Promise<FirmNoticeDto[]> {
    const firm = await this.registry.firm(scope, creditCode);
    if (!firm) throw notFound('firm', creditCode);
    return this.notices.noticesOf(firm.creditCode);
  }

  /** The scheduled re-audits' differences at the firm, newest first, and the clue they keep open. */
  async supervisionOf(scope: FirmScope, creditCode: string): Promise<FirmSupervisionDto> {
    const firm = await this.registry.firm(scope, creditCode);
    if (!firm) throw notFound('firm', creditCode);
    const [reaudits, openClue] = await Promise.all([
      this.reaudits.differencesOf(firm.id, 50),
      this.reaudits.openClueOf(firm.id),
    ]);
    return { reaudits, openClue };
  }
}
