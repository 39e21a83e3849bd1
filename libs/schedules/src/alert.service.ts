import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { AuditLogRepository, ScheduleRunRepository, type StoredAlert } from '@app/persistence';
import { AlertWebhook } from './alert-webhook';
import type { ScheduleAlert } from './schedule-definition';

/** The run an alert belongs to. */
export interface AlertedRun {
  id: string;
  schedule: string;
  targetKey: string;
  period: Date;
}

const MAX_MESSAGE = 1_000;

/** Messages leave the process: credentials in URLs are masked and the length is bounded. */
export function safeAlertMessage(message: string): string {
  const masked = message.replace(/\/\/([^:@/\s]+):([^@/\s]+)@/g, '//$1:***@');
  return masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE)}…` : masked;
}

/**
 * Raises a run's alerts: POSTed to the webhook (if configured), written to the audit log (actor `scheduler`,
 * action `schedule.alert`, object the run's row) and kept on the run with how the delivery went.
 */
@Injectable()
export class AlertService {
  constructor(
    private readonly webhook: AlertWebhook,
    private readonly auditLog: AuditLogRepository,
    private readonly runs: ScheduleRunRepository,
    private readonly clock: Clock,
  ) {}

  async raise(run: AlertedRun, alerts: readonly ScheduleAlert[]): Promise<StoredAlert[]> {
    if (alerts.length === 0) return [];
    const raisedAt = this.clock.now().toISOString();
    const clean = alerts.map((a) => ({
      code: a.code,
      object: a.object,
      message: safeAlertMessage(a.message),
    }));
    const delivery = await this.webhook.deliver({
      source: 'bioaudit',
      schedule: run.schedule,
      target: run.targetKey,
      period: run.period.toISOString(),
      run: run.id,
      raisedAt,
      alerts: clean,
    });
    const stored = clean.map((a) => ({ ...a, raisedAt, delivery }));
    for (const a of stored) {
      await this.auditLog.append('scheduler', 'schedule.alert', 'schedule_run', run.id, {
        schedule: run.schedule,
        target: run.targetKey,
        period: run.period.toISOString(),
        code: a.code,
        object: a.object,
        message: a.message,
        delivery,
      });
    }
    await this.runs.addAlerts(run.id, stored);
    return stored;
  }
}
