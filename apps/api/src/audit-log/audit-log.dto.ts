import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** `GET /api/audit-log?actor=&object=&action=&outcome=&from=&to=&before=&limit=`. */
export class AuditLogQueryDto {
  @ApiPropertyOptional({ description: 'Username (or CLI operator) who acted.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({
    description: '`Case` (a kind), `Case:12` (one object) or `12` (an id of any kind).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  object?: string;

  @ApiPropertyOptional({ description: 'Start of the action: `POST /api/cases` or `user.create`.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({
    enum: ['ok', 'refused', 'error', 'none'],
    description:
      'Allowed, refused (4xx), failed (5xx), or `none`: rows written outside the API (CLI, workers).',
  })
  @IsOptional()
  @IsIn(['ok', 'refused', 'error', 'none'])
  outcome?: 'ok' | 'refused' | 'error' | 'none';

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Rows at or after this instant (ISO 8601 with its offset, e.g. 2026-01-05T00:00:00+08:00).',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Rows before this instant (ISO 8601 with its offset).',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Cursor: the `nextCursor` of the previous page (rows older than it).' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ type: String, isArray: true, nullable: true }) actorRoles!: string[] | null;
  @ApiProperty({ example: 'POST /api/cases/:id/actions/:action' }) action!: string;
  @ApiProperty({ example: 'Case' }) entity!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ type: Object }) details!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) remoteAddress!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'refused:403',
    description: 'ok, refused:<status>, error:<status>; null outside the API',
  })
  outcome!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The row's custody-chain hash" }) rowHash!:
    | string
    | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: AuditLogEntryDto, isArray: true }) items!: AuditLogEntryDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `before` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
