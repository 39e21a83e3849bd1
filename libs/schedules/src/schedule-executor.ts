import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isDomainError } from '@app/common';
import { ScheduleRunRepository, type ScheduleRunRow, type StoredAlert } from '@app/persistence';
import { AlertService, safeAlertMessage } from './alert.service';
import { backoffDelay } from './core/cron';
import type { ScheduleDefinition, ScheduleTarget } from './schedule-definition';
import { SCHEDULE_ERRORS } from './schedules.errors';

/**
 * A running attempt holds its run for its timeout plus this margin; past it the attempt is taken for dead
 * (its process was killed) and the run may be claimed again.
 */
const LEASE_MARGIN_MS = 30_000;

/** What running one target of one fire came to. */
export type TargetOutcome =
  | { kind: 'completed'; run: ScheduleRunRow; summary: Record<string, unknown>; alerts: StoredAlert[] }
  /** Completed (or skipped) by an earlier fire of the same period: not done again. */
  | { kind: 'already-done'; run: ScheduleRunRow }
  /** Another attempt holds the run right now. */
  | { kind: 'busy'; run: ScheduleRunRow }
  /** This attempt failed and attempts are left: try again after `delayMs`. */
  | { kind: 'retry'; run: ScheduleRunRow; error: string; delayMs: number }
  /** The last attempt failed: the alert is raised. */
  | { kind: 'failed'; run: ScheduleRunRow; error: string; alerts: StoredAlert[] }
  /** Failed for good before (alerted then): not tried again. */
  | { kind: 'exhausted'; run: ScheduleRunRow }
  /**
   * This attempt ended after another took the run over (its worker was thought dead, its lease lapsed): the run is
   * the later attempt's, so this one's result is not recorded and its alerts are not raised.
   */
  | { kind: 'superseded'; run: ScheduleRunRow };

function reasonOf(e: unknown): string {
  if (isDomainError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** The object an alert about `target` names. */
export function alertObject(def: ScheduleDefinition, target: ScheduleTarget): string {
  return def.fanOut === 'once' ? `schedule:${def.name}` : `${def.fanOut}:${target.key}`;
}

/**
 * Runs one target of one fire, once per business key (schedule, target key, period), whichever scheduler
 * asks: the in-process one and the BullMQ handlers both come here. It claims the run row, runs the
 * definition with its timeout, records the outcome and, after the last attempt, raises the alert.
 */
@Injectable()
export class ScheduleExecutor {
  constructor(
    private readonly runs: ScheduleRunRepository,
    private readonly alerts: AlertService,
    private readonly clock: Clock,
  ) {}

  /**
   * `holderDied`: the queue knows the attempt holding this run is dead (BullMQ put the job back after its
   * worker's lock lapsed), so a running attempt is taken over now instead of after its lease.
   */
  async runTarget(
    def: ScheduleDefinition,
    target: ScheduleTarget,
    period: Date,
    options: { holderDied?: boolean } = {},
  ): Promise<TargetOutcome> {
    const now = this.clock.now();
    const claim = await this.runs.claim(
      { schedule: def.name, targetKey: target.key, period },
      {
        now,
        // Taking over: any attempt started before now, with the margin for another machine's clock.
        staleBefore: options.holderDied
          ? new Date(now.getTime() + LEASE_MARGIN_MS)
          : new Date(now.getTime() - def.timeoutMs - LEASE_MARGIN_MS),
        maxAttempts: def.attempts,
      },
    );
    switch (claim.kind) {
      case 'done':
        return { kind: 'already-done', run: claim.run };
      case 'busy':
        return { kind: 'busy', run: claim.run };
      case 'exhausted':
        return { kind: 'exhausted', run: claim.run };
      case 'claimed':
        return this.attempt(def, target, period, claim.run);
    }
  }

  private async attempt(
    def: ScheduleDefinition,
    target: ScheduleTarget,
    period: Date,
    run: ScheduleRunRow,
  ): Promise<TargetOutcome> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const e = new DomainError(
          SCHEDULE_ERRORS.TIMEOUT,
          `attempt ${run.attempts} ran past ${def.timeoutMs} ms`,
        );
        controller.abort(e);
        reject(e);
      }, def.timeoutMs);
    });
    try {
      const result = await Promise.race([
        def.run(target, {
          schedule: def,
          period: period.toISOString(),
          scheduledAt: period,
          signal: controller.signal,
        }),
        timedOut,
      ]);
      const finished = await this.runs.finish(
        run.id,
        run.attempts,
        { state: 'completed', result: result.summary },
        this.clock.now(),
      );
      if (!finished) return { kind: 'superseded', run };
      const alerts = await this.alerts.raise(run, result.alerts ?? []);
      return { kind: 'completed', run, summary: result.summary, alerts };
    } catch (e) {
      const error = safeAlertMessage(reasonOf(e));
      if (!(await this.runs.finish(run.id, run.attempts, { state: 'failed', error }, this.clock.now()))) {
        return { kind: 'superseded', run };
      }
      if (run.attempts < def.attempts) {
        return { kind: 'retry', run, error, delayMs: backoffDelay(run.attempts, def.backoff.delay) };
      }
      const alerts = await this.alerts.raise(run, [
        {
          code: SCHEDULE_ERRORS.TARGET_FAILED,
          object: alertObject(def, target),
          message: `${def.name} failed for ${alertObject(def, target)} (period ${period.toISOString()}) after ${run.attempts} attempts: ${error}`,
        },
      ]);
      return { kind: 'failed', run, error, alerts };
    } finally {
      clearTimeout(timer);
    }
  }
}
