import { ApiProperty } from '@nestjs/swagger';
import { CountsDto } from '../firms/firms.dto';

/** An ingest batch: one received file with its chain-of-custody facts and reconciled counts. */
export class BatchDto {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  firm!: string;
  @ApiProperty({ enum: ['firm', 'devices', 'captures', 'consents'] })
  kind!: string;
  @ApiProperty({ description: 'The file as received' })
  fileName!: string;
  @ApiProperty({ description: "The entry inside a received archive ('' for a plain file)" })
  sourceEntry!: string;
  @ApiProperty()
  fileSize!: number;
  @ApiProperty({ description: 'SHA-256 of the raw file, recorded at receipt' })
  sha256!: string;
  @ApiProperty()
  format!: string;
  @ApiProperty({ type: String, nullable: true })
  captureFormat!: string | null;
  @ApiProperty()
  encoding!: string;
  @ApiProperty({ description: 'Who submitted it' })
  receivedBy!: string;
  @ApiProperty({ description: 'Where it came from (a host, an upload, a path)' })
  receivedFrom!: string;
  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
  @ApiProperty({ enum: ['receiving', 'completed', 'failed', 'discarded'] })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed: a stable error code' })
  failureCode!: string | null;
  @ApiProperty({ type: String, nullable: true })
  failureMessage!: string | null;
  @ApiProperty({
    type: CountsDto,
    description: 'read = accepted + duplicates + conflicts + skipped + rejected',
  })
  counts!: CountsDto;
}

export class BatchPageDto {
  @ApiProperty({ type: [BatchDto] })
  items!: BatchDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

/** A quarantined input line, named by the firm's file, its line and the batch's SHA-256. */
export class QuarantinedRecordDto {
  @ApiProperty()
  fileName!: string;
  @ApiProperty()
  batchSha256!: string;
  @ApiProperty()
  lineNo!: number;
  @ApiProperty({ type: String, nullable: true })
  field!: string | null;
  @ApiProperty({ example: 'INGEST.MISSING_FIELD' })
  reasonCode!: string;
  @ApiProperty()
  message!: string;
  @ApiProperty({ enum: ['rejected', 'conflict'] })
  kind!: string;
}

export class QuarantinePageDto {
  @ApiProperty({ type: [QuarantinedRecordDto] })
  items!: QuarantinedRecordDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

/** The result of re-hashing a batch's stored raw file against its custody record (as `bioaudit ingest verify`). */
export class RetiredFileDto {
  @ApiProperty({ description: 'The retention record that removed the file' })
  retentionRecord!: string;
  @ApiProperty({ description: 'The closed case whose retention period ended' })
  case!: string;
  @ApiProperty({ format: 'date-time' })
  removedAt!: string;
}

export class VerifyResultDto {
  @ApiProperty()
  batch!: string;
  @ApiProperty()
  fileName!: string;
  @ApiProperty()
  kind!: string;
  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;
  @ApiProperty()
  submittedBy!: string;
  @ApiProperty({ description: 'The SHA-256 the custody chain recorded at receipt' })
  recordedSha256!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The SHA-256 of the stored file now (null: unreadable)',
  })
  actualSha256!: string | null;
  @ApiProperty({ description: 'True when the stored file still matches its recorded hash and size' })
  intact!: boolean;
  @ApiProperty({
    type: () => RetiredFileDto,
    nullable: true,
    description:
      'Set when the file is gone because the retention job removed it (the case closed past retention): lawful and on record, not an alteration',
  })
  retired!: RetiredFileDto | null;
}
