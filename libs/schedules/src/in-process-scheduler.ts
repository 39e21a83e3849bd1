import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Clock, DomainError } from '@app/common';
import { mapWithConcurrency } from './core/concurrency';
import { lastFireAtOrBefore, nextFireAfter } from './core/cron';
import type { ScheduleDefinition, ScheduleTarget } from './schedule-definition';
import { ScheduleExecutor, type TargetOutcome } from './schedule-executor';
import { ScheduleRegistry } from './schedule-registry';
import { SCHEDULE_ERRORS } from './schedules.errors';

/** What one fire did, target by target (final outcome after in-process retries). */
export interface FireReport {
  schedule: string;
  period: string;
  targets: { key: string; outcome: TargetOutcome }[];
}

/** The longest a timer waits before the next fire is recomputed from the clock (and timers stay 32-bit). */
const MAX_TIMER_MS = 60_000;

/** Which targets of `def` a `--firm <creditCode>` filter keeps. */
function matchesFirm(def: ScheduleDefinition, target: ScheduleTarget, creditCode: string): boolean {
  return target.key === creditCode || target.data.creditCode === creditCode;
}

/**
 * The embedded default's scheduler (no Redis): inside `bioaudit serve`, a timer to the next fire of any
 * definition, recomputed from the injected Clock each time; a fire runs its targets with the definition's
 * concurrency through the same executor as the BullMQ handlers, retrying with its backoff. Fires missed while
 * the process was down are not caught up: the next one covers them (the re-audit looks at all evidence).
 */
@Injectable()
export class InProcessScheduler implements OnModuleDestroy {
  private readonly logger = new Logger('schedules');
  private timer: NodeJS.Timeout | null = null;
  private since: Date | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = new AbortController();

  constructor(
    private readonly registry: ScheduleRegistry,
    private readonly executor: ScheduleExecutor,
    private readonly clock: Clock,
  ) {}

  /** Starts the timer; fires after now only. */
  start(): void {
    if (this.timer) return;
    this.since = this.clock.now();
    this.arm();
  }

  /** Stops the timer and waits for fires in flight (their retries' waits are cut short). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
    // Fires asked for by hand afterwards (`schedules run`) retry as usual.
    this.stopping = new AbortController();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** The next fire of each definition after `after` (default: the clock's now). */
  nextFires(after: Date = this.clock.now()): { name: string; at: Date }[] {
    return this.registry
      .all()
      .map((d) => ({ name: d.name, at: nextFireAfter(d.cron, this.registry.timeZone, after) }));
  }

  private arm(): void {
    const now = this.clock.now();
    const next = Math.min(...this.nextFires(now).map((f) => f.at.getTime()));
    const wait = Math.max(
      0,
      Math.min(MAX_TIMER_MS, (Number.isFinite(next) ? next : Infinity) - now.getTime()),
    );
    this.timer = setTimeout(() => {
      const p = this.fireDue(this.clock.now())
        .catch((e: Error) => this.logger.error(`schedules: ${e.message}`))
        .finally(() => {
          this.inFlight.delete(p);
          if (this.timer) this.arm();
        });
      this.inFlight.add(p);
    }, wait);
    this.timer.unref();
  }

  /**
   * Fires every definition whose latest fire at or before `now` is later than the last check (the start, at
   * first), once each, and waits for them. Returns what each did.
   */
  async fireDue(now: Date): Promise<FireReport[]> {
    const since = this.since ?? new Date(now.getTime() - 1);
    this.since = now;
    const due = this.registry
      .all()
      .map((def) => ({ def, at: lastFireAtOrBefore(def.cron, this.registry.timeZone, now) }))
      .filter(({ at }) => at > since);
    return Promise.all(due.map(({ def, at }) => this.fire(def.name, at)));
  }

  /**
   * One fire of `name` for `scheduledAt` (its period): every target (or those of firm `firm`), at most the
   * definition's concurrency at once, each retried here with backoff until it completes or its attempts are
   * spent. A fire of a period already done does nothing again.
   */
  async fire(name: string, scheduledAt: Date, options: { firm?: string } = {}): Promise<FireReport> {
    const def = this.registry.get(name);
    let targets = await def.targets();
    if (options.firm !== undefined) {
      const firm = options.firm;
      if (def.fanOut === 'once') {
        throw new DomainError(
          SCHEDULE_ERRORS.NO_SUCH_TARGET,
          `schedule ${name} runs once, not per firm: drop --firm`,
        );
      }
      targets = targets.filter((t) => matchesFirm(def, t, firm));
      if (targets.length === 0) {
        throw new DomainError(
          SCHEDULE_ERRORS.NO_SUCH_TARGET,
          `schedule ${name} has no target of firm ${firm}`,
        );
      }
    }
    const outcomes = await mapWithConcurrency(targets, def.concurrency, async (target) => ({
      key: target.key,
      outcome: await this.withRetries(def, target, scheduledAt),
    }));
    return { schedule: name, period: scheduledAt.toISOString(), targets: outcomes };
  }

  private async withRetries(
    def: ScheduleDefinition,
    target: ScheduleTarget,
    period: Date,
  ): Promise<TargetOutcome> {
    for (;;) {
      const outcome = await this.executor.runTarget(def, target, period);
      if (outcome.kind !== 'retry' || this.stopping.signal.aborted) return outcome;
      try {
        await sleep(outcome.delayMs, undefined, { signal: this.stopping.signal });
      } catch {
        return outcome;
      }
    }
  }
}
