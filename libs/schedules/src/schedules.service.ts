import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import {
  ScheduleRunRepository,
  type ScheduleLastRun,
  type ScheduleRunQuery,
  type ScheduleRunRow,
} from '@app/persistence';
import { nextFireAfter } from './core/cron';
import type { ScheduleFanOut } from './schedule-definition';
import { ScheduleRegistry } from './schedule-registry';

/** A schedule as `schedules list` and `GET /api/schedules` show it. */
export interface ScheduleView {
  name: string;
  description: string;
  cron: string;
  timeZone: string;
  fanOut: ScheduleFanOut;
  attempts: number;
  timeoutMs: number;
  concurrency: number;
  nextRun: Date;
  lastRun: ScheduleLastRun | null;
}

/** What operators see of the schedules: definitions with next and last run, and the run history. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly registry: ScheduleRegistry,
    private readonly runs: ScheduleRunRepository,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ScheduleView[]> {
    const last = new Map((await this.runs.lastRuns()).map((r) => [r.schedule, r]));
    const now = this.clock.now();
    return this.registry.all().map((d) => ({
      name: d.name,
      description: d.description,
      cron: d.cron,
      timeZone: this.registry.timeZone,
      fanOut: d.fanOut,
      attempts: d.attempts,
      timeoutMs: d.timeoutMs,
      concurrency: d.concurrency,
      nextRun: nextFireAfter(d.cron, this.registry.timeZone, now),
      lastRun: last.get(d.name) ?? null,
    }));
  }

  /** Runs newest first; a schedule that is not defined is an error (a typo shows as one, not as no history). */
  history(q: ScheduleRunQuery): Promise<ScheduleRunRow[]> {
    if (q.schedule !== undefined) this.registry.get(q.schedule);
    return this.runs.history(q);
  }
}
