/**
 * What one run of a supervision job reports: the shape of the schedule framework's ScheduleTargetResult
 * (libs/schedules), restated here so the jobs stay callable without it.
 */
export interface SupervisionResult {
  summary: Record<string, unknown>;
  alerts?: SupervisionAlert[];
}

/** Something an operator must look at, naming the object concerned. */
export interface SupervisionAlert {
  code: string;
  object: string;
  message: string;
}

/** One unit a job fans out to (a firm, a case), keyed by its business key. */
export interface SupervisionTarget<T> {
  key: string;
  data: T;
}
