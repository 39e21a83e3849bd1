import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

const STATES = ['running', 'completed', 'failed', 'skipped'] as const;

export class ScheduleRunCountsDto {
  @ApiProperty() running!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() skipped!: number;
}

export class ScheduleLastRunDto {
  @ApiProperty({ format: 'date-time', description: 'The fire instant (the period of its runs)' })
  period!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ type: ScheduleRunCountsDto, description: 'Targets of that period by state' })
  counts!: ScheduleRunCountsDto;
}

export class ScheduleDto {
  @ApiProperty({ example: 'reaudit' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '0 2 * * *' }) cron!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ enum: ['firm', 'device', 'case', 'once'] }) fanOut!: 'firm' | 'device' | 'case' | 'once';
  @ApiProperty() attempts!: number;
  @ApiProperty() timeoutMs!: number;
  @ApiProperty() concurrency!: number;
  @ApiProperty({ format: 'date-time' }) nextRun!: string;
  @ApiProperty({ type: ScheduleLastRunDto, nullable: true }) lastRun!: ScheduleLastRunDto | null;
}

export class ScheduleAlertDto {
  @ApiProperty({ example: 'SCHEDULE.TARGET_FAILED' }) code!: string;
  @ApiProperty({ example: 'firm:91330201MA2GT00012' }) object!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ example: 'sent', description: '`sent`, `not configured` or `failed: <reason>`' })
  delivery!: string;
}

export class ScheduleRunDto {
  @ApiProperty() id!: string;
  @ApiProperty() schedule!: string;
  @ApiProperty({ description: 'A credit code, a device key, or `once`' }) targetKey!: string;
  @ApiProperty({ format: 'date-time' }) period!: string;
  @ApiProperty({ enum: STATES }) state!: (typeof STATES)[number];
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ type: Object, nullable: true }) result!: Record<string, unknown> | null;
  @ApiProperty({ type: ScheduleAlertDto, isArray: true }) alerts!: ScheduleAlertDto[];
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
}

export class ScheduleRunPageDto {
  @ApiProperty({ type: ScheduleRunDto, isArray: true }) items!: ScheduleRunDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}

/** `GET /api/schedules/runs?schedule=&state=&cursor=&limit=`. */
export class ScheduleRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'reaudit' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  schedule?: string;

  @ApiPropertyOptional({ enum: STATES })
  @IsOptional()
  @IsIn(STATES)
  state?: (typeof STATES)[number];
}
