import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { caseRecordOf } from '@app/cases';
import { chinaDate } from '@app/law';
import { caseDeadlines, procedureDefinition } from '@app/procedure';
import { CaseProcedureRepository, DeadlineTaskRepository } from '@app/persistence';
import { windowAlarm } from './core/window-alarm';
import type { SupervisionResult, SupervisionTarget } from './job-result';
import { SUPERVISION_ERRORS, SupervisionError } from './supervision.errors';
import { terminalStates } from './terminal-states';

/** The case a deadline watch runs for. */
export type DeadlineWatchData = {
  caseId: string;
};

/**
 * Deadline watch: every statutory window of an open case that is near (BIOAUDIT_DEADLINE_NEAR_WORKING_DAYS on the
 * procedure's working-day calendar) or past raises a task for the case's handlers and the heads whose region
 * covers it — once per window (deadline and last day) and kind, by the table's unique key, however often it runs.
 * The windows are the procedure engine's (`caseDeadlines` over the same record the case views build).
 */
@Injectable()
export class DeadlineWatch {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly procedures: CaseProcedureRepository,
    private readonly tasks: DeadlineTaskRepository,
  ) {}

  /** One target per open case, keyed by its case number. */
  async targets(): Promise<SupervisionTarget<DeadlineWatchData>[]> {
    const open = await this.tasks.openCases(terminalStates());
    return open.map((c) => ({ key: c.caseNumber, data: { caseId: c.id } }));
  }

  async run(data: DeadlineWatchData): Promise<SupervisionResult> {
    const snap = await this.procedures.snapshot(data.caseId);
    if (!snap) {
      throw new SupervisionError(SUPERVISION_ERRORS.CASE_NOT_FOUND, `no case ${data.caseId}`, {
        caseId: data.caseId,
      });
    }
    const def = procedureDefinition(snap.case.procedureId);
    const today = chinaDate(this.clock.now().getTime());
    if (def.states.some((s) => s.id === snap.case.state && s.terminal)) {
      return { summary: { case: snap.case.caseNumber, skipped: `the case is ${snap.case.state}` } };
    }
    const near = this.config.supervision.deadlineNearWorkingDays;
    const raised: { deadline: string; due: string; kind: string }[] = [];
    let already = 0;
    let assignees: string[] | null = null;
    for (const d of caseDeadlines(def, caseRecordOf(snap), today)) {
      const kind = windowAlarm(d, today, near, (from, to) => def.calendar.workingDaysBetween(from, to));
      if (kind === null) continue;
      assignees ??= [
        ...new Set([
          ...snap.handlers.map((h) => h.actorId),
          ...(await this.tasks.headsCovering(snap.case.regionCode)),
        ]),
      ];
      const fresh = await this.tasks.raise({
        caseId: snap.case.id,
        deadlineId: d.id,
        due: d.due,
        kind,
        label: d.label,
        basis: d.basis,
        holder: d.holder ?? 'authority',
        assignees,
        raisedOn: today,
        raisedAt: this.clock.now(),
      });
      if (fresh) raised.push({ deadline: d.id, due: d.due, kind });
      else already++;
    }
    return { summary: { case: snap.case.caseNumber, today, raised, alreadyRaised: already } };
  }
}
