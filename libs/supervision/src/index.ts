/** The supervision jobs (issue 12): evidence integrity sweep, re-audit, deadline and consent watches, retention. */
export { SupervisionModule } from './supervision.module';
export { IntegritySweep } from './integrity-sweep.service';
export { DeadlineWatch } from './deadline-watch.service';
export { ConsentWatch } from './consent-watch.service';
export type { ConsentWatchData } from './consent-watch.service';
export type { DeadlineWatchData } from './deadline-watch.service';
export { ReauditFirm } from './reaudit-firm.service';
export type { ReauditFirmData } from './reaudit-firm.service';
export { CaseRetention } from './retention.service';
export type { RetentionData } from './retention.service';
export type { SupervisionAlert, SupervisionResult, SupervisionTarget } from './job-result';
export { SUPERVISION_ACTOR } from './supervision-actor';
export { SUPERVISION_ALERTS, SUPERVISION_ERRORS, SupervisionError } from './supervision.errors';
export type { SupervisionAlertCode, SupervisionErrorCode } from './supervision.errors';
export {
  ReauditSchedule,
  IntegritySweepSchedule,
  DeadlineWatchSchedule,
  ConsentWatchSchedule,
  RetentionSchedule,
  SUPERVISION_SCHEDULES,
} from './supervision.schedules';
