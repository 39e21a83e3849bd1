import type { Database } from '../data-source';

export type ScheduleRunState = 'running' | 'completed' | 'failed' | 'skipped';

/** An alert as kept on its run: what was raised and how its webhook delivery went. */
export interface StoredAlert {
  code: string;
  object: string;
  message: string;
  raisedAt: string;
  /** `sent`, `not configured`, or `failed: <reason>`. */
  delivery: string;
}

export interface ScheduleRunRow {
  id: string;
  schedule: string;
  targetKey: string;
  period: Date;
  state: ScheduleRunState;
  attempts: number;
  lastError: string | null;
  result: Record<string, unknown> | null;
  alerts: StoredAlert[];
  startedAt: Date;
  finishedAt: Date | null;
}

/** The business key of a run: the same key is the same work. */
export interface ScheduleRunKey {
  schedule: string;
  targetKey: string;
  period: Date;
}

/**
 * What claiming a run found: `claimed` (this caller runs attempt `run.attempts`), or why not — done already,
 * held by a live attempt, or out of attempts.
 */
export type ScheduleRunClaim =
  | { kind: 'claimed'; run: ScheduleRunRow }
  | { kind: 'done'; run: ScheduleRunRow }
  | { kind: 'busy'; run: ScheduleRunRow }
  | { kind: 'exhausted'; run: ScheduleRunRow };

/** The latest period of a schedule and how its targets ended. */
export interface ScheduleLastRun {
  schedule: string;
  period: Date;
  finishedAt: Date | null;
  counts: Record<ScheduleRunState, number>;
}

export interface ScheduleRunQuery {
  schedule?: string;
  state?: ScheduleRunState;
  /** The cursor: rows with a smaller id (older). */
  before?: string;
  limit: number;
  /**
   * Only runs whose target is a firm of this region (the division code inside its credit code starts with
   * it); runs of devices and `once` schedules are bureau-wide.
   */
  regionPrefix?: string;
}

const COLUMNS = `id::text AS id, schedule, target_key AS "targetKey", period, state, attempts,
  last_error AS "lastError", result, alerts, started_at AS "startedAt", finished_at AS "finishedAt"`;

/** Runs of schedules by (schedule, target, period): claimed atomically, finished once, alerts appended. */
export class ScheduleRunRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the run of `key` at `now` in one statement: a new row, a failed run with attempts left, or a
   * running one whose lease (`staleBefore`: its attempt started before then) has lapsed (its worker died)
   * becomes `running` with one more attempt. Anything else is reported as found.
   */
  async claim(
    key: ScheduleRunKey,
    options: { now: Date; staleBefore: Date; maxAttempts: number },
  ): Promise<ScheduleRunClaim> {
    const claimed = await this.db.dataSource.query<ScheduleRunRow[]>(
      `INSERT INTO schedule_run AS r (schedule, target_key, period, state, attempts, started_at)
       VALUES ($1, $2, $3, 'running', 1, $4)
       ON CONFLICT (schedule, target_key, period) DO UPDATE
         SET state = 'running', attempts = r.attempts + 1, started_at = EXCLUDED.started_at, finished_at = NULL
         WHERE (r.state = 'failed' AND r.attempts < $5) OR (r.state = 'running' AND r.started_at < $6)
       RETURNING ${COLUMNS}`,
      [key.schedule, key.targetKey, key.period, options.now, options.maxAttempts, options.staleBefore],
    );
    if (claimed.length === 1) return { kind: 'claimed', run: claimed[0] };
    const run = await this.find(key);
    if (!run) throw new Error(`schedule_run ${key.schedule}/${key.targetKey} vanished while claimed`);
    if (run.state === 'running') return { kind: 'busy', run };
    if (run.state === 'failed') return { kind: 'exhausted', run };
    return { kind: 'done', run };
  }

  async find(key: ScheduleRunKey): Promise<ScheduleRunRow | null> {
    const rows = await this.db.dataSource.query<ScheduleRunRow[]>(
      `SELECT ${COLUMNS} FROM schedule_run WHERE schedule = $1 AND target_key = $2 AND period = $3`,
      [key.schedule, key.targetKey, key.period],
    );
    return rows[0] ?? null;
  }

  /** Ends attempt `attempt` of run `id`; false when that attempt no longer holds the run (it was taken over). */
  async finish(
    id: string,
    attempt: number,
    outcome:
      | { state: 'completed'; result: Record<string, unknown> }
      | { state: 'failed'; error: string }
      | { state: 'skipped'; reason: string },
    at: Date,
  ): Promise<boolean> {
    // The driver answers UPDATE … RETURNING with [rows, affected] (as in AccountRepository.update).
    const [rows] = await this.db.dataSource.query<[{ id: string }[], number]>(
      `UPDATE schedule_run SET state = $3, result = $4, last_error = COALESCE($5, last_error), finished_at = $6
       WHERE id = $1 AND attempts = $2 AND state = 'running' RETURNING id::text AS id`,
      [
        id,
        attempt,
        outcome.state,
        outcome.state === 'completed' ? JSON.stringify(outcome.result) : null,
        outcome.state === 'failed' ? outcome.error : outcome.state === 'skipped' ? outcome.reason : null,
        at,
      ],
    );
    return rows.length === 1;
  }

  /** Records a run that could not start at all (its schedule is no longer defined): skipped, with why. */
  async skip(key: ScheduleRunKey, reason: string, at: Date): Promise<void> {
    await this.db.dataSource.query(
      `INSERT INTO schedule_run (schedule, target_key, period, state, attempts, last_error, started_at, finished_at)
       VALUES ($1, $2, $3, 'skipped', 0, $4, $5, $5) ON CONFLICT (schedule, target_key, period) DO NOTHING`,
      [key.schedule, key.targetKey, key.period, reason, at],
    );
  }

  async addAlerts(id: string, alerts: StoredAlert[]): Promise<void> {
    await this.db.dataSource.query(`UPDATE schedule_run SET alerts = alerts || $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(alerts),
    ]);
  }

  /** Runs matching `q`, newest first, at most `q.limit`; the next page starts `before` the last id. */
  async history(q: ScheduleRunQuery): Promise<ScheduleRunRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.schedule !== undefined) where.push(`schedule = ${param(q.schedule)}`);
    if (q.state !== undefined) where.push(`state = ${param(q.state)}`);
    if (q.before !== undefined) where.push(`id < ${param(q.before)}::bigint`);
    if (q.regionPrefix !== undefined) {
      where.push(
        `target_key ~ '^[0-9A-HJ-NPQRTUWXY]{18}$' AND substr(target_key, 3, 6) LIKE ${param(q.regionPrefix)} || '%'`,
      );
    }
    return this.db.dataSource.query<ScheduleRunRow[]>(
      `SELECT ${COLUMNS} FROM schedule_run ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ${param(q.limit)}`,
      params,
    );
  }

  /** Each schedule's latest period with the count of its targets by state. */
  async lastRuns(): Promise<ScheduleLastRun[]> {
    const rows = await this.db.dataSource.query<
      { schedule: string; period: Date; finishedAt: Date | null; state: ScheduleRunState; n: number }[]
    >(
      `SELECT r.schedule, r.period, max(r.finished_at) AS "finishedAt", r.state, count(*)::int AS n
       FROM schedule_run r
       JOIN (SELECT schedule, max(period) AS period FROM schedule_run GROUP BY schedule) l
         ON l.schedule = r.schedule AND l.period = r.period
       GROUP BY r.schedule, r.period, r.state ORDER BY r.schedule`,
    );
    const bySchedule = new Map<string, ScheduleLastRun>();
    for (const row of rows) {
      const last = bySchedule.get(row.schedule) ?? {
        schedule: row.schedule,
        period: row.period,
        finishedAt: null,
        counts: { running: 0, completed: 0, failed: 0, skipped: 0 },
      };
      last.counts[row.state] = row.n;
      if (row.finishedAt && (!last.finishedAt || row.finishedAt > last.finishedAt))
        last.finishedAt = row.finishedAt;
      bySchedule.set(row.schedule, last);
    }
    return [...bySchedule.values()];
  }
}
