import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@app/common';
import { ScheduleRunRepository } from '@app/persistence';
import type { BullScheduleQueue, ScheduleJobHandlers } from '@app/queue';
import { Semaphore } from './core/concurrency';
import { ScheduleExecutor } from './schedule-executor';
import { ScheduleRegistry } from './schedule-registry';
import { SCHEDULE_ERRORS } from './schedules.errors';

/**
 * The schedule queue's handlers with Redis: a tick fans its schedule out to one job per target (job id =
 * business key); a target job runs through the same executor as the in-process scheduler. A failed attempt
 * with attempts left throws a plain error so BullMQ retries it with the definition's backoff; the last one
 * throws a DomainError, which the worker turns into a failure for good (the alert is already raised).
 */
@Injectable()
export class ScheduleJobRunner {
  /** Per worker process: BullMQ (without Pro's groups) has no per-job-name concurrency of its own. */
  private readonly lanes = new Map<string, Semaphore>();

  constructor(
    private readonly registry: ScheduleRegistry,
    private readonly executor: ScheduleExecutor,
    private readonly runs: ScheduleRunRepository,
    private readonly clock: Clock,
  ) {}

  private lane(name: string, size: number): Semaphore {
    let lane = this.lanes.get(name);
    if (!lane) this.lanes.set(name, (lane = new Semaphore(size)));
    return lane;
  }

  /** The handlers, enqueueing target jobs on `queue`. */
  handlers(queue: BullScheduleQueue): ScheduleJobHandlers {
    return {
      ScheduleTick: async ({ schedule, scheduledAt }) => {
        const def = this.registry.find(schedule);
        if (!def) return { schedule, skipped: 'no such schedule in this release' };
        const targets = await def.targets();
        await queue.enqueueTargets(
          targets.map((t) => ({ schedule, targetKey: t.key, target: t.data, period: scheduledAt })),
          { attempts: def.attempts, backoff: def.backoff },
        );
        return { schedule, period: scheduledAt, targets: targets.length };
      },
      ScheduleTarget: async ({ schedule, targetKey, target, period }, { holderDied }) => {
        const def = this.registry.find(schedule);
        const key = { schedule, targetKey, period: new Date(period) };
        if (!def) {
          await this.runs.skip(key, 'the schedule is not defined in this release', this.clock.now());
          return { schedule, targetKey, outcome: 'skipped' };
        }
        const outcome = await this.lane(def.name, def.concurrency).use(() =>
          this.executor.runTarget(def, { key: targetKey, data: target }, key.period, { holderDied }),
        );
        switch (outcome.kind) {
          case 'retry':
            throw new Error(`attempt ${outcome.run.attempts} of ${def.attempts} failed: ${outcome.error}`);
          case 'busy':
            // Another attempt holds the run (a worker that died keeps it until its lease lapses): later.
            throw new Error(`run ${outcome.run.id} is held by a live attempt`);
          case 'failed':
            throw new DomainError(SCHEDULE_ERRORS.TARGET_FAILED, outcome.error, { run: outcome.run.id });
          case 'completed':
            return { run: outcome.run.id, outcome: 'completed', summary: outcome.summary };
          case 'already-done':
          case 'exhausted':
          case 'superseded':
            return { run: outcome.run.id, outcome: outcome.kind };
        }
      },
    };
  }
}
