import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { DATABASE, StatisticsRepository, type Database } from '@app/persistence';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { ProblemDto } from '../problem/problem.dto';
import { StatisticsDto, StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Policy('read', 'Statistics')
  @ApiOkResponse({
    type: StatisticsDto,
    description:
      'A monthly report of your region: open cases by state, findings by month and reason, captures audited, fines proposed and decided against the precedents, per division code',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'The region asked for lies outside yours' })
  report(@CurrentPrincipal() principal: Principal, @Query() q: StatisticsQueryDto): Promise<StatisticsDto> {
    return this.statistics.report(scopeOf(principal), q);
  }
}

/** What ApiModule provides for the statistics (the repository over the app's one database). */
export const STATISTICS_PROVIDERS = [
  StatisticsService,
  {
    provide: StatisticsRepository,
    inject: [DATABASE],
    useFactory: (db: Database) => new StatisticsRepository(db),
  },
];
