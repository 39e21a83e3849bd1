import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DemoTerminals } from '@app/collection';
import { Clock, DomainError } from '@app/common';
import type { ScheduleRunState } from '@app/persistence';
import { InProcessScheduler, SCHEDULE_ERRORS, SchedulesService, type TargetOutcome } from '@app/schedules';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';

const STATES: readonly ScheduleRunState[] = ['running', 'completed', 'failed', 'skipped'];

function describeOutcome(o: TargetOutcome): string {
  switch (o.kind) {
    case 'completed':
      return `completed ${JSON.stringify(o.summary)}${o.alerts.length ? ` (${o.alerts.length} alerts)` : ''}`;
    case 'already-done':
      return 'already done for this period: not run again';
    case 'busy':
      return `held by another attempt (run ${o.run.id})`;
    case 'retry':
      return `failed, attempt ${o.run.attempts}: ${o.error}`;
    case 'failed':
      return `failed after ${o.run.attempts} attempts, alert raised: ${o.error}`;
    case 'exhausted':
      return `failed for good earlier: ${o.run.lastError ?? ''}`;
    case 'superseded':
      return `taken over by a later attempt of run ${o.run.id}: this one's result is not recorded`;
  }
}

@SubCommand({ name: 'list', description: 'Each schedule: cron, zone, next run, last run and its outcome' })
export class SchedulesListCommand extends CommandRunner {
  constructor(private readonly schedules: SchedulesService) {
    super();
  }

  async run(_: string[], flags: { json?: boolean }): Promise<void> {
    const list = await this.schedules.list();
    if (flags.json) return printJson(list);
    for (const s of list) {
      const last = s.lastRun
        ? `last ${s.lastRun.period.toISOString()}: ${STATES.filter((k) => s.lastRun!.counts[k] > 0)
            .map((k) => `${s.lastRun!.counts[k]} ${k}`)
            .join(', ')}`
        : 'never run';
      process.stdout.write(
        `${s.name}  ${s.cron} ${s.timeZone}  ${s.fanOut === 'once' ? 'once' : `per ${s.fanOut}`}  next ${s.nextRun.toISOString()}  ${last}\n    ${s.description}\n`,
      );
    }
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'run',
  arguments: '<name>',
  description: 'Run a schedule once now, in this process, and wait; prints what each target did',
})
export class SchedulesRunCommand extends CommandRunner {
  constructor(
    private readonly scheduler: InProcessScheduler,
    private readonly clock: Clock,
    private readonly demoTerminals: DemoTerminals,
  ) {
    super();
  }

  async run([name]: string[], flags: { json?: boolean; firm?: string }): Promise<void> {
    // On a demo home the simulated terminals answer while this runs (serve runs them otherwise).
    const terminals = await this.demoTerminals.start();
    // The period is now: a run by hand never stands in for (or is stopped by) a scheduled fire's period.
    const report = await this.scheduler
      .fire(name, this.clock.now(), { firm: flags.firm })
      .finally(() => terminals.stop());
    if (flags.json) {
      printJson({
        schedule: report.schedule,
        period: report.period,
        targets: report.targets.map((t) => ({
          key: t.key,
          outcome: t.outcome.kind,
          run: t.outcome.run.id,
          attempts: t.outcome.run.attempts,
          ...(t.outcome.kind === 'completed' ? { summary: t.outcome.summary, alerts: t.outcome.alerts } : {}),
          ...(t.outcome.kind === 'failed' ? { error: t.outcome.error, alerts: t.outcome.alerts } : {}),
        })),
      });
    } else {
      process.stdout.write(
        `${report.schedule} for period ${report.period}: ${report.targets.length} targets\n`,
      );
      for (const t of report.targets) process.stdout.write(`  ${t.key}: ${describeOutcome(t.outcome)}\n`);
    }
    const failed = report.targets.filter((t) => t.outcome.kind === 'failed');
    if (failed.length > 0) {
      throw new DomainError(
        SCHEDULE_ERRORS.TARGET_FAILED,
        `${failed.length} of ${report.targets.length} targets failed: ${failed.map((t) => t.key).join(', ')}`,
      );
    }
  }

  @Option({ flags: '--firm <creditCode>', description: 'only the targets of this firm' })
  parseFirm(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'history',
  arguments: '[name]',
  description: 'Runs newest first (all schedules, or one), with attempts, errors and alerts',
})
export class SchedulesHistoryCommand extends CommandRunner {
  constructor(private readonly schedules: SchedulesService) {
    super();
  }

  async run([name]: string[], flags: { json?: boolean; limit?: number }): Promise<void> {
    const rows = await this.schedules.history({ schedule: name, limit: flags.limit ?? 50 });
    if (flags.json) return printJson(rows);
    for (const r of rows) {
      const detail = r.state === 'completed' ? JSON.stringify(r.result) : (r.lastError ?? '');
      process.stdout.write(
        `${r.id}  ${r.schedule}  ${r.targetKey}  ${r.period.toISOString()}  ${r.state} (attempt ${r.attempts})  ${detail}\n`,
      );
      for (const a of r.alerts)
        process.stdout.write(`    alert ${a.code} ${a.object}: ${a.message} [webhook ${a.delivery}]\n`);
    }
  }

  @Option({ flags: '--limit <n>', description: 'at most this many runs (default 50)' })
  parseLimit(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new DomainError(CLI_ERRORS.BAD_NUMBER, `--limit ${value}: a whole number ≥ 1`);
    return n;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'schedules',
  description: 'Scheduled jobs: list them, run one now, see their history',
  subCommands: [SchedulesListCommand, SchedulesRunCommand, SchedulesHistoryCommand],
})
export class SchedulesCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError(
        CLI_ERRORS.MISSING_SUBCOMMAND,
        'use `bioaudit schedules list`, `bioaudit schedules run <name>` or `bioaudit schedules history`',
      ),
    );
  }
}
