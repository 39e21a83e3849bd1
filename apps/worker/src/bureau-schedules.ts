import { CollectionModule, CollectionSchedule } from '@app/collection';
import { SchedulesModule } from '@app/schedules';
import { SUPERVISION_SCHEDULES, SupervisionModule } from '@app/supervision';

/**
 * The bureau's schedules, the one list every app (worker, CLI, API and `serve`) runs and shows: add a
 * definition class here, and the module of the services it uses to `imports`.
 */
export const BureauSchedulesModule = SchedulesModule.register({
  imports: [SupervisionModule, CollectionModule],
  definitions: [CollectionSchedule, ...SUPERVISION_SCHEDULES],
});
