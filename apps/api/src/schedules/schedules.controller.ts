import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { SchedulesService } from '@app/schedules';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { decodeCursor, DEFAULT_LIMIT, pageOf } from '../common/pagination';
import { ValidationError } from '../problem/problem';
import { ProblemDto } from '../problem/problem.dto';
import { ScheduleDto, ScheduleRunPageDto, ScheduleRunsQueryDto, type ScheduleRunDto } from './schedules.dto';

/**
 * The schedules and their job history, for officers (the `Statistics` grant: officers read it, firms and
 * administrators do not). A regional officer sees the runs of the region's firms only.
 */
@ApiTags('schedules')
@ApiBearerAuth()
@Controller('schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @Policy('read', 'Statistics')
  @ApiOkResponse({
    type: ScheduleDto,
    isArray: true,
    description: 'Each schedule with its next and last run',
  })
  async list(): Promise<ScheduleDto[]> {
    return (await this.schedules.list()).map((s) => ({
      ...s,
      nextRun: s.nextRun.toISOString(),
      lastRun: s.lastRun && {
        period: s.lastRun.period.toISOString(),
        finishedAt: s.lastRun.finishedAt?.toISOString() ?? null,
        counts: s.lastRun.counts,
      },
    }));
  }

  @Get('runs')
  @Policy('read', 'Statistics')
  @ApiOkResponse({
    type: ScheduleRunPageDto,
    description: 'Runs newest first, with attempts, errors and alerts',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No schedule of that name' })
  async runs(
    @CurrentPrincipal() principal: Principal,
    @Query() q: ScheduleRunsQueryDto,
  ): Promise<ScheduleRunPageDto> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const before = decodeCursor(q.cursor, 'string');
    if (before !== null && !/^\d{1,18}$/.test(before)) {
      throw new ValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
    }
    const rows = await this.schedules.history({
      schedule: q.schedule,
      state: q.state,
      before: before ?? undefined,
      limit: limit + 1,
      regionPrefix: scopeOf(principal).regionPrefix,
    });
    return pageOf(
      rows,
      limit,
      (r) => r.id,
      (r): ScheduleRunDto => ({
        ...r,
        period: r.period.toISOString(),
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      }),
    );
  }
}
