import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';

/** The text fields of the multipart upload (the files are `comparisons` and, optionally, `claim`). */
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

/** The multipart body, for the OpenAPI document. */
export class EvaluationUploadDto extends EvaluationFieldsDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'comparisons CSV: probeSubject,referenceSubject,score[,decision]',
  })
  comparisons!: unknown;
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
