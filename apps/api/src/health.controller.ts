import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE, type Database } from '@app/persistence';
import { Public } from './auth/policy.decorator';

/** Paths of the health check: `/health` for load balancers (outside the /api prefix) and `/api/health`. */
export const HEALTH_PATHS = ['health', 'api/health'];

/** Liveness and readiness: the database answers a query. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get(HEALTH_PATHS)
  @Public()
  @HealthCheck()
  @ApiOkResponse({ description: 'The database answers (with its engine: embedded or postgres)' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  check() {
    return this.health.check([
      async () => {
        const check = this.indicator.check('database');
        try {
          await this.db.dataSource.query('SELECT 1');
          return check.up({ engine: this.db.kind });
        } catch (e) {
          return check.down({ engine: this.db.kind, error: (e as Error).message });
        }
      },
    ]);
  }
}
