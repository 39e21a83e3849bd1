import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

export class FindingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "A firm's unified social credit code" })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, {
    message: 'firm must be an 18-character unified social credit code',
  })
  firm?: string;

  @ApiPropertyOptional({ example: 'NO_CONSENT', description: 'The reason code of the finding' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reason?: string;

  @ApiPropertyOptional({ description: "The firm's own device id" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  device?: string;

  @ApiPropertyOptional({ description: 'The case number the findings belong to' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  case?: string;

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    default: 'asc',
    description:
      'By id (the order findings were recorded): oldest first, or newest first; keep it with the cursor',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({
    example: '2021-03..2021-05',
    description: 'Beijing dates the captures overlap: YYYY, YYYY-MM, YYYY-MM-DD, or two joined by `..`',
  })
  @IsOptional()
  @Matches(/^\d{4}(-\d{2}){0,2}(\.\.\d{4}(-\d{2}){0,2})?$/, {
    message: 'period must be YYYY, YYYY-MM or YYYY-MM-DD, or two of these joined by ..',
  })
  period?: string;
}

export class FindingDto {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  firm!: string;
  @ApiProperty({ description: 'The id of the case the finding belongs to (GET /api/cases/{id})' })
  caseId!: string;
  @ApiProperty({ description: 'The case the finding belongs to' })
  caseNumber!: string;
  @ApiProperty({ enum: ['capture', 'site'] })
  kind!: string;
  @ApiProperty()
  reason!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A pseudonym (psn:) when the reference is an identifier',
  })
  subjectRef!: string | null;
  @ApiProperty({ type: String, nullable: true })
  device!: string | null;
  @ApiProperty()
  site!: string;
  @ApiProperty({ type: String, nullable: true })
  purpose!: string | null;
  @ApiProperty()
  captureCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAt!: string | null;
}

export class FindingPageDto {
  @ApiProperty({ type: [FindingDto] })
  items!: FindingDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

/** Where an input line was read: the firm's file, the line, and the SHA-256 of the batch holding it. */
export class InputLineDto {
  @ApiProperty()
  batch!: string;
  @ApiProperty()
  fileName!: string;
  @ApiProperty({ description: "The entry inside a received archive ('' for a plain file)" })
  sourceEntry!: string;
  @ApiProperty()
  lineNo!: number;
  @ApiProperty()
  batchSha256!: string;
}

export class FindingCaptureDto {
  @ApiProperty({ description: "The device's event id" })
  eventId!: string;
  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;
  @ApiProperty()
  eventType!: string;
  @ApiProperty()
  device!: string;
  @ApiProperty({ type: InputLineDto })
  source!: InputLineDto;
}

export class FindingConsentDto {
  @ApiProperty()
  consentId!: string;
  @ApiProperty({ format: 'date-time' })
  givenAt!: string;
  @ApiProperty({ type: [String] })
  purposes!: string[];
  @ApiProperty()
  method!: string;
  @ApiProperty()
  separateConsent!: boolean;
  @ApiProperty()
  guardianConsent!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  withdrawnAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CONSENT_WITHDRAWN',
    description:
      "Why this record does not cover the finding's first capture: the detection core judges the record alone " +
      'against that capture (the first coverage step it fails, a reason code); null if it would cover it',
  })
  failedBecause!: string | null;
  @ApiProperty({ type: InputLineDto })
  source!: InputLineDto;
}

export class FindingDetailDto extends FindingDto {
  @ApiProperty({
    type: [FindingCaptureDto],
    description: `The captures the finding rests on, by time (the first ${200}; captureCount says how many)`,
  })
  captures!: FindingCaptureDto[];
  @ApiProperty({ type: [FindingConsentDto], description: 'The consent records the audit considered' })
  consents!: FindingConsentDto[];
}
