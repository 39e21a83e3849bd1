import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CasesModule } from '@app/cases';
import { CollectionModule } from '@app/collection';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { InspectionModule } from '@app/inspection';
import { PersistenceModule } from '@app/persistence';
import { ApiAuthModule } from './auth/api-auth.module';
import { BureauSchedulesModule } from '../../worker/src/bureau-schedules';
import { BatchesController } from './batches/batches.controller';
import { CasesController } from './cases/cases.controller';
import { TasksController } from './cases/tasks.controller';
import { DevicesController } from './devices/devices.controller';
import { DevicesService } from './devices/devices.service';
import { DocumentsController } from './documents/documents.controller';
import { BatchesService } from './batches/batches.service';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { EvaluationsService } from './evaluations/evaluations.service';
import { FindingsController } from './findings/findings.controller';
import { FindingsService } from './findings/findings.service';
import { FirmsController } from './firms/firms.controller';
import { FirmsService } from './firms/firms.service';
import { HealthController } from './health.controller';
import { InspectionRunsService } from './inspections/inspection-runs.service';
import { InspectionsController } from './inspections/inspections.controller';
import { STATISTICS_PROVIDERS, StatisticsController } from './statistics/statistics.controller';
import { SchedulesController } from './schedules/schedules.controller';

/** The configuration the app was created with (createApiApp), provided app-wide as APP_CONFIG. */
@Module({})
class ApiConfigModule {
  static of(config: AppConfig): DynamicModule {
    return {
      module: ApiConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

/** The regulator's HTTP API: every resource under /api (docs/api.md). */
@Module({
  imports: [
    PersistenceModule,
    InspectionModule,
    CasesModule,
    CollectionModule,
    TerminusModule,
    ApiAuthModule,
    BureauSchedulesModule,
  ],
  controllers: [
    HealthController,
    FirmsController,
    BatchesController,
    InspectionsController,
    FindingsController,
    EvaluationsController,
    CasesController,
    TasksController,
    DocumentsController,
    StatisticsController,
    SchedulesController,
    DevicesController,
  ],
  providers: [
    FirmsService,
    BatchesService,
    InspectionRunsService,
    FindingsService,
    EvaluationsService,
    DevicesService,
    ...STATISTICS_PROVIDERS,
  ],
})
export class ApiModule {
  /** The API on exactly `config` (read once from the environment by the caller). */
  static withConfig(config: AppConfig): DynamicModule {
    return { module: ApiModule, imports: [ApiConfigModule.of(config)] };
  }
}
