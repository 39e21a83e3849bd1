import { Injectable } from '@nestjs/common';
import type {
  ScheduleDefinition,
  ScheduleRunContext,
  ScheduleTarget,
  ScheduleTargetResult,
} from '@app/schedules';
import { ConsentWatch } from './consent-watch.service';
import { DeadlineWatch } from './deadline-watch.service';
import { IntegritySweep } from './integrity-sweep.service';
import { ReauditFirm } from './reaudit-firm.service';
import { CaseRetention } from './retention.service';

/*
 * The supervision jobs as the bureau's schedules: when each runs (bureau time), what it fans out to, and how hard it
 * is tried. The work is the services' own; these classes only say when and how often, so a job run by hand
 * (`bioaudit schedules run`) and on the clock is the same code.
 */

const firmOf = (target: ScheduleTarget): string => String(target.data.creditCode);

/** Nightly at 02:00: every firm with evidence its last audit did not read is re-audited; a clue past the threshold. */
@Injectable()
export class ReauditSchedule implements ScheduleDefinition {
  readonly name = 'reaudit';
  readonly description =
    'Re-audit every firm with new evidence, store the new findings by reason, open a clue past the threshold';
  readonly cron = '0 2 * * *';
  readonly fanOut = 'firm' as const;
  readonly timeoutMs = 30 * 60_000;
  readonly attempts = 3;
  readonly backoff = { type: 'exponential' as const, delay: 60_000 };
  readonly concurrency = 2;

  constructor(private readonly reaudit: ReauditFirm) {}

  targets(): Promise<ScheduleTarget[]> {
    return this.reaudit.targets();
  }

  run(target: ScheduleTarget): Promise<ScheduleTargetResult> {
    return this.reaudit.run({ creditCode: firmOf(target) });
  }
}

/** Nightly at 03:00: every stored raw file and issued document re-hashed; a mismatch is an alert, never repaired. */
@Injectable()
export class IntegritySweepSchedule implements ScheduleDefinition {
  readonly name = 'integrity-sweep';
  readonly description = 'Re-hash every stored raw file and issued document against its recorded SHA-256';
  readonly cron = '0 3 * * *';
  readonly fanOut = 'once' as const;
  readonly timeoutMs = 4 * 3600_000;
  readonly attempts = 2;
  readonly backoff = { type: 'exponential' as const, delay: 10 * 60_000 };
  readonly concurrency = 1;

  constructor(private readonly sweep: IntegritySweep) {}

  targets(): Promise<ScheduleTarget[]> {
    return Promise.resolve([{ key: 'once', data: {} }]);
  }

  run(): Promise<ScheduleTargetResult> {
    return this.sweep.run();
  }
}

/** Mornings at 07:30: tasks for the statutory windows of open cases that are near or past. */
@Injectable()
export class DeadlineWatchSchedule implements ScheduleDefinition {
  readonly name = 'deadline-watch';
  readonly description =
    'Raise a task, once per window, for every statutory time limit of an open case near or past';
  readonly cron = '30 7 * * *';
  readonly fanOut = 'case' as const;
  readonly timeoutMs = 10 * 60_000;
  readonly attempts = 3;
  readonly backoff = { type: 'exponential' as const, delay: 60_000 };
  readonly concurrency = 4;

  constructor(private readonly watch: DeadlineWatch) {}

  /** One target per open case, keyed by its number. */
  targets(): Promise<ScheduleTarget[]> {
    return this.watch.targets();
  }

  run(target: ScheduleTarget): Promise<ScheduleTargetResult> {
    return this.watch.run({ caseId: String(target.data.caseId) });
  }
}

/** Nightly at 04:00: captures of people whose consent ended; a notice to the firm, once per consent and month. */
@Injectable()
export class ConsentWatchSchedule implements ScheduleDefinition {
  readonly name = 'consent-watch';
  readonly description =
    'Notify firms whose terminals keep capturing people whose consent expired or was withdrawn';
  readonly cron = '0 4 * * *';
  readonly fanOut = 'firm' as const;
  readonly timeoutMs = 30 * 60_000;
  readonly attempts = 3;
  readonly backoff = { type: 'exponential' as const, delay: 60_000 };
  readonly concurrency = 2;

  constructor(private readonly watch: ConsentWatch) {}

  targets(): Promise<ScheduleTarget[]> {
    return this.watch.targets();
  }

  run(target: ScheduleTarget): Promise<ScheduleTargetResult> {
    return this.watch.run({ creditCode: firmOf(target) });
  }
}

/**
 * Nightly at 03:30: the personal data of cases closed longer than the retention is removed, with its record. One run
 * for all retired cases, not one per case: whether a pseudonym or a file may go depends on every case resting on it,
 * so one serial pass decides each once and records it against the first retired case that frees it. Re-running
 * removes nothing more. After the 03:00 integrity sweep starts; a file it meets gone mid-sweep already has its record.
 */
@Injectable()
export class RetentionSchedule implements ScheduleDefinition {
  readonly name = 'retention';
  readonly description =
    'Delete the sealed subject identities and raw capture and consent files of cases closed longer than the retention, keeping their hashes and documents';
  readonly cron = '30 3 * * *';
  readonly fanOut = 'once' as const;
  readonly timeoutMs = 60 * 60_000;
  readonly attempts = 3;
  readonly backoff = { type: 'exponential' as const, delay: 10 * 60_000 };
  readonly concurrency = 1;

  constructor(private readonly retention: CaseRetention) {}

  targets(): Promise<ScheduleTarget[]> {
    return Promise.resolve([{ key: 'once', data: {} }]);
  }

  run(target: ScheduleTarget, ctx: ScheduleRunContext): Promise<ScheduleTargetResult> {
    return this.retention.run({ jobId: `${this.name}:${target.key}:${ctx.period}` }, ctx.signal);
  }
}

/** The supervision schedules, for the bureau's list (apps/worker/src/bureau-schedules.ts). */
export const SUPERVISION_SCHEDULES = [
  ReauditSchedule,
  IntegritySweepSchedule,
  DeadlineWatchSchedule,
  ConsentWatchSchedule,
  RetentionSchedule,
] as const;
