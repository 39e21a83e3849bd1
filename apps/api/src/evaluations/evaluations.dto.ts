import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The text fields of the multipart upload (the file is `comparisons`, or `trialLog` with its `images`; the claim
 * may also come as a file in the `claim` field).
 */
export class EvaluationFieldsDto {
  @ApiPropertyOptional({ description: 'Accept when score ≥ threshold (a logged decision overrides it)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'threshold must be a number' })
  threshold?: number;

  @ApiPropertyOptional({
    description: 'The claim as text (a JSON claim document or a plain statement such as `accuracy ≥ 99.5 %`)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64 * 1024)
  claim?: string;
}

/** The multipart body, for the OpenAPI document: a comparisons CSV, or a trial log with its images. */
export class EvaluationUploadDto extends EvaluationFieldsDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: 'comparisons CSV: probeSubject,referenceSubject,score[,decision] (or send `trialLog`)',
  })
  comparisons?: unknown;

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description:
      'vendor trial log CSV: probeImage,referenceImage,probeSubject,referenceSubject,decision[,score]; its image paths are matched by file name against `images`',
  })
  trialLog?: unknown;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description: 'The images a trial log names (each file name once)',
  })
  images?: unknown[];
}

/** The report `bioaudit evaluate comparisons --json` prints: rates, DET, EER and the verdict on the claim. */
export class EvaluationReportDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'FNMR at the operating point' })
  genuine!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'FMR at the operating point' })
  impostor!: Record<string, unknown>;
  @ApiProperty({ type: Number, nullable: true })
  threshold!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  eer!: number | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'DET curve',
  })
  det!: Record<string, unknown>[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The verdict on the claim (null without one)',
  })
  verdict!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  operatingPoint!: Record<string, unknown>;
  @ApiProperty({ type: Number, nullable: true })
  eerThreshold!: number | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  fnmrAtFmr!: Record<string, unknown>[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  failuresToAcquire!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true })
  bootstrap!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  claim!: Record<string, unknown> | null;
  @ApiProperty()
  subjects!: number;
  @ApiProperty({ type: 'object', additionalProperties: true })
  method!: Record<string, unknown>;
}

export const EVALUATION_KINDS = ['comparisons', 'trial-log'] as const;

/** A vendor trial log's report: the device judged on its own decisions, the reference engine beside it. */
export class TrialLogReportDto {
  @ApiProperty({ type: EvaluationReportDto, description: 'The device’s decisions judged against the claim' })
  device!: EvaluationReportDto;
  @ApiProperty({
    type: EvaluationReportDto,
    description: 'The reference engine’s scores on the same pairs (at its EER threshold)',
  })
  referenceEngine!: EvaluationReportDto;
  @ApiProperty({ type: 'object', additionalProperties: true })
  engine!: Record<string, unknown>;
  @ApiProperty()
  pairs!: number;
  @ApiProperty()
  images!: number;
}

/** A file of a run as kept: name, size and SHA-256 of the sealed copy. */
export class EvaluationFileDto {
  @ApiProperty() name!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;
}

/** A stored evaluation run as listed. */
export class EvaluationRunSummaryDto {
  @ApiProperty({ example: '17' }) id!: string;
  @ApiProperty({ enum: EVALUATION_KINDS }) kind!: (typeof EVALUATION_KINDS)[number];
  @ApiProperty({ description: 'Who ran it (username)' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: EvaluationFileDto, description: 'The comparisons CSV or trial log' })
  file!: EvaluationFileDto;
  @ApiProperty({ type: Number, nullable: true }) threshold!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['SUPPORTED', 'REFUTED', 'INCONCLUSIVE'] })
  verdict!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The vendor the claim document names' })
  vendor!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The device the claim document names' })
  device!: string | null;
}

/** A stored run with its claim, its files and the whole report. */
export class EvaluationRunDto extends EvaluationRunSummaryDto {
  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }],
    description: 'The claim as sent: a JSON claim document or the vendor’s words',
  })
  claim!: string | Record<string, unknown> | null;
  @ApiProperty({ type: EvaluationFileDto, isArray: true, description: 'A trial log’s images, each sealed' })
  attachments!: EvaluationFileDto[];
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(EvaluationReportDto) }, { $ref: getSchemaPath(TrialLogReportDto) }],
    description:
      'comparisons: the report `bioaudit evaluate comparisons --json` prints; trial-log: TrialLogReportDto',
  })
  report!: EvaluationReportDto | TrialLogReportDto;
}

export class EvaluationRunPageDto {
  @ApiProperty({ type: EvaluationRunSummaryDto, isArray: true }) items!: EvaluationRunSummaryDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
