import { Injectable } from '@nestjs/common';
import type {
  ScheduleDefinition,
  ScheduleRunContext,
  ScheduleTarget,
  ScheduleTargetResult,
} from '@app/schedules';
import { CollectionService } from './collection.service';

/**
 * Every quarter of an hour: each enabled terminal is asked for its events since its cursor, one run per terminal and
 * quarter, so a fire repeated or overlapping collects once, and one terminal's failure is its own run (retried,
 * then alerted) that leaves its cursor where it was.
 */
@Injectable()
export class CollectionSchedule implements ScheduleDefinition {
  readonly name = 'collect';
  readonly description =
    "Pull new access-control events from every registered terminal over the vendor's interface";
  readonly cron = '*/15 * * * *';
  readonly fanOut = 'device' as const;
  readonly timeoutMs = 10 * 60_000;
  readonly attempts = 3;
  readonly backoff = { type: 'exponential' as const, delay: 30_000 };
  readonly concurrency = 4;

  constructor(private readonly collection: CollectionService) {}

  targets(): Promise<ScheduleTarget[]> {
    return this.collection.endpoints();
  }

  run(target: ScheduleTarget, ctx: ScheduleRunContext): Promise<ScheduleTargetResult> {
    return this.collection.collectDevice(String(target.data.endpointId), {
      jobId: `${ctx.schedule.name}|${target.key}|${ctx.period}`,
      signal: ctx.signal,
    });
  }
}
