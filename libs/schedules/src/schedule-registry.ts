import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { cronProblem } from './core/cron';
import { SCHEDULES, type ScheduleDefinition } from './schedule-definition';
import { SCHEDULE_ERRORS } from './schedules.errors';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function problemOf(def: ScheduleDefinition): string | null {
  if (!KEBAB.test(def.name)) return 'its name must be kebab-case';
  const cron = cronProblem(def.cron);
  if (cron) return `cron "${def.cron}": ${cron}`;
  if (!Number.isInteger(def.attempts) || def.attempts < 1) return 'attempts must be a whole number ≥ 1';
  if (!Number.isInteger(def.concurrency) || def.concurrency < 1)
    return 'concurrency must be a whole number ≥ 1';
  if (!(def.timeoutMs > 0)) return 'timeoutMs must be positive';
  if (!(def.backoff.delay >= 0)) return 'backoff.delay must not be negative';
  return null;
}

/** The app's schedule definitions (SCHEDULES), checked once at boot, and the bureau's zone they run in. */
@Injectable()
export class ScheduleRegistry {
  private readonly byName = new Map<string, ScheduleDefinition>();
  readonly timeZone: string;

  constructor(@Inject(SCHEDULES) definitions: ScheduleDefinition[], @Inject(APP_CONFIG) config: AppConfig) {
    this.timeZone = config.schedules.timeZone;
    for (const def of definitions) {
      const problem = this.byName.has(def.name) ? 'the name is taken by another definition' : problemOf(def);
      if (problem) throw new DomainError(SCHEDULE_ERRORS.BAD_DEFINITION, `schedule ${def.name}: ${problem}`);
      this.byName.set(def.name, def);
    }
  }

  all(): ScheduleDefinition[] {
    return [...this.byName.values()];
  }

  find(name: string): ScheduleDefinition | undefined {
    return this.byName.get(name);
  }

  get(name: string): ScheduleDefinition {
    const def = this.byName.get(name);
    if (!def) {
      throw new DomainError(
        SCHEDULE_ERRORS.UNKNOWN,
        `no schedule ${name} (defined: ${this.all()
          .map((d) => d.name)
          .join(', ')})`,
      );
    }
    return def;
  }
}
