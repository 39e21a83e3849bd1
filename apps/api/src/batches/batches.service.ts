import { Injectable } from '@nestjs/common';
import { isDomainError } from '@app/common';
import { IngestService, SchemaService } from '@app/inspection';
import { RegistryQueryRepository, type FirmScope } from '@app/persistence';
import { notFound } from '../common/not-found';
import { decodeCursor, DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination';
import { batchOf } from '../firms/firms.service';
import type { BatchDto, QuarantinedRecordDto, VerifyResultDto } from './batches.dto';

/** Evidence batches with their custody, quarantine and verification, within the caller's scope. */
@Injectable()
export class BatchesService {
  constructor(
    private readonly registry: RegistryQueryRepository,
    private readonly ingest: IngestService,
    private readonly schema: SchemaService,
  ) {}

  async batch(scope: FirmScope, id: string): Promise<BatchDto> {
    const row = /^\d{1,18}$/.test(id) ? await this.registry.batch(scope, id) : null;
    if (!row) throw notFound('ingest batch', id);
    return batchOf(row);
  }

  async quarantine(
    scope: FirmScope,
    id: string,
    cursor: string | undefined,
    limit = DEFAULT_LIMIT,
  ): Promise<Page<QuarantinedRecordDto>> {
    await this.batch(scope, id);
    const rows = await this.registry.quarantinePage(id, decodeCursor(cursor, 'number') ?? 0, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => r.lineNo,
      (r) => r,
    );
  }

  /**
   * Re-hashes the stored raw file against the custody chain: the same IngestService.verify as
   * `bioaudit ingest verify` (which also writes the audit-log entry). An altered file is an outcome the
   * caller asked about, so it is answered (intact: false), not raised.
   */
  async verify(scope: FirmScope, id: string, operator: string): Promise<VerifyResultDto> {
    await this.batch(scope, id);
    await this.schema.ready();
    try {
      return withoutStoragePath(await this.ingest.verify(id, operator));
    } catch (error) {
      if (isDomainError(error) && error.code === 'INGEST.EVIDENCE_ALTERED') {
        return withoutStoragePath(error.details as unknown as VerifyResultDto & { storagePath?: string });
      }
      throw error;
    }
  }
}

/** The server's file layout is not the caller's business. */
function withoutStoragePath(r: VerifyResultDto & { storagePath?: string }): VerifyResultDto {
  return {
    batch: r.batch,
    fileName: r.fileName,
    kind: r.kind,
    receivedAt: r.receivedAt,
    submittedBy: r.submittedBy,
    recordedSha256: r.recordedSha256,
    actualSha256: r.actualSha256,
    intact: r.intact,
    retired: r.retired ?? null,
  };
}
