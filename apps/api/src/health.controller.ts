import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE, type Database } from '@app/persistence';

/** Liveness and readiness: the database answers a query. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get()
  @HealthCheck()
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
