import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { Clock, SystemClock } from '@app/common';
import { PersistenceModule } from '@app/persistence';
import { AlertWebhook } from './alert-webhook';
import { AlertService } from './alert.service';
import { InProcessScheduler } from './in-process-scheduler';
import { SCHEDULES, type ScheduleDefinition } from './schedule-definition';
import { ScheduleExecutor } from './schedule-executor';
import { ScheduleJobRunner } from './schedule-job-runner';
import { ScheduleRegistry } from './schedule-registry';
import { SchedulesService } from './schedules.service';

const SERVICES = [
  AlertWebhook,
  AlertService,
  ScheduleRegistry,
  ScheduleExecutor,
  InProcessScheduler,
  ScheduleJobRunner,
  SchedulesService,
];

/**
 * The schedule framework over the app's definitions: `register` takes the definition classes (and the modules
 * whose services they use) and provides them as the one SCHEDULES list — no global registry, no decorators.
 */
@Module({})
export class SchedulesModule {
  static register(options: {
    imports: NonNullable<ModuleMetadata['imports']>;
    definitions: Type<ScheduleDefinition>[];
  }): DynamicModule {
    return {
      module: SchedulesModule,
      imports: [PersistenceModule, ...options.imports],
      providers: [
        { provide: Clock, useClass: SystemClock },
        ...options.definitions,
        {
          provide: SCHEDULES,
          inject: options.definitions,
          useFactory: (...definitions: ScheduleDefinition[]) => definitions,
        },
        ...SERVICES,
      ],
      exports: [SCHEDULES, ...SERVICES],
    };
  }
}
