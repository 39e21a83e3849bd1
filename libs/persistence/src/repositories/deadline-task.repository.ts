import type { Database } from '../data-source';
import { isoInstant } from './sql-instant';

/** A task the deadline watch raised (what "My work" lists). */
export interface DeadlineTaskRow {
  id: string;
  caseId: string;
  caseNumber: string;
  deadlineId: string;
  due: string;
  kind: 'near' | 'past';
  label: { zh: string; en: string };
  basis: string;
  holder: string;
  assignees: string[];
  raisedOn: string;
  /** ISO 8601 instant. */
  raisedAt: string;
}

export type NewDeadlineTask = Omit<DeadlineTaskRow, 'id' | 'caseNumber' | 'raisedAt'> & { raisedAt: Date };

/** An open case as the deadline watch reads it. */
export interface OpenCaseRef {
  id: string;
  caseNumber: string;
  regionCode: string;
}

const COLUMNS = `t.id::text AS id, t.case_id::text AS "caseId", c.case_number AS "caseNumber",
  t.deadline_id AS "deadlineId", t.due::text AS due, t.kind, t.label, t.basis, t.holder, t.assignees,
  t.raised_on::text AS "raisedOn", ${isoInstant('t.raised_at')} AS "raisedAt"`;

/** Deadline tasks: raised once per window and kind (`uq_deadline_task_window`), listed per user or case. */
export class DeadlineTaskRepository {
  constructor(private readonly db: Database) {}

  /** Cases not in one of `terminalStates`, by id. */
  async openCases(terminalStates: readonly string[]): Promise<OpenCaseRef[]> {
    return this.db.dataSource.query<OpenCaseRef[]>(
      `SELECT id::text AS id, case_number AS "caseNumber", region_code AS "regionCode" FROM "case"
       WHERE NOT (state = ANY ($1::text[])) ORDER BY id`,
      [terminalStates],
    );
  }

  /** Enabled heads whose region covers the division code (a head without a region covers every one). */
  async headsCovering(regionCode: string): Promise<string[]> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `SELECT id::text AS id FROM user_account
       WHERE 'head' = ANY (roles) AND NOT disabled
         AND (region_code IS NULL OR starts_with($1::text, region_code))
       ORDER BY id`,
      [regionCode],
    );
    return rows.map((r) => r.id);
  }

  /** Raises the task; false when this window of the case was already raised with this kind. */
  async raise(t: NewDeadlineTask): Promise<boolean> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `INSERT INTO deadline_task (case_id, deadline_id, due, kind, label, basis, holder, assignees, raised_on, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10)
       ON CONFLICT (case_id, deadline_id, due, kind) DO NOTHING RETURNING id::text AS id`,
      [
        t.caseId,
        t.deadlineId,
        t.due,
        t.kind,
        JSON.stringify(t.label),
        t.basis,
        t.holder,
        t.assignees,
        t.raisedOn,
        t.raisedAt.toISOString(),
      ],
    );
    return rows.length > 0;
  }

  /** The tasks raised for a user (as handler or head), soonest due first. */
  async tasksFor(userId: string, limit = 500): Promise<DeadlineTaskRow[]> {
    return this.db.dataSource.query<DeadlineTaskRow[]>(
      `SELECT ${COLUMNS} FROM deadline_task t JOIN "case" c ON c.id = t.case_id
       WHERE $1::text = ANY (t.assignees) ORDER BY t.due, t.id LIMIT ${Math.max(1, Math.min(500, limit))}`,
      [userId],
    );
  }

  /** The tasks raised on a case, oldest first. */
  async tasksOfCase(caseId: string): Promise<DeadlineTaskRow[]> {
    return this.db.dataSource.query<DeadlineTaskRow[]>(
      `SELECT ${COLUMNS} FROM deadline_task t JOIN "case" c ON c.id = t.case_id WHERE t.case_id = $1 ORDER BY t.id`,
      [caseId],
    );
  }
}
