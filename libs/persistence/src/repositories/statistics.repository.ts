import type { Database } from '../data-source';
import type { FirmScope } from './firm-scope';

/** The period of a report: Beijing days [from, to) (the first of a month to the first after the last month). */
export interface StatisticsPeriod {
  from: string;
  to: string;
}

export interface StateCountRow {
  regionCode: string;
  state: string;
  count: number;
}

export interface FindingCountRow {
  regionCode: string;
  month: string;
  reason: string;
  count: number;
}

export interface CaptureCountRow {
  regionCode: string;
  month: string;
  count: number;
}

export interface FirmCountRow {
  regionCode: string;
  count: number;
}

/** A case's fine: the latest proposal (the officers' propose step, else the calculator's) and the decision. */
export interface CaseFineRow {
  caseId: string;
  caseNumber: string;
  regionCode: string;
  /** Yuan, two decimals; null when nothing was proposed. */
  proposed: string | null;
  /** Yuan, two decimals; null before the decision. */
  decided: string | null;
  /** The Beijing day of the decision, or of the proposal when not decided. */
  date: string;
}

export interface PrecedentRow {
  id: string;
  authority: string;
  decisionDate: string;
  amount: string;
  currency: string;
  comparable: boolean;
}

/**
 * A head's monthly figures, each one aggregated (GROUP BY) in the database. The scope is applied to `case`
 * through its own `region_code` (indexed, set from the firm's credit code) or to the firm ids it resolves
 * first, so every query starts from the cases or firms in scope and reaches findings through
 * idx_finding_case_reason (case_id, reason, id) and captures through the batches' counts — no scan of the
 * million-row tables:
 * - findings are counted in the month of their case's clue (the day the regulator registered them);
 * - captures audited are the accepted capture records of the firms' capture batches, by month received
 *   (the same number as their rows in capture_event, without counting those rows);
 * - fines are the cases' latest proposal and decision (case_step `propose`/`decide` amounts in fen; the
 *   calculator's latest assessment when no officer proposed).
 */
export class StatisticsRepository {
  constructor(private readonly db: Database) {}

  private caseScope(scope: FirmScope, params: unknown[]): string {
    const parts: string[] = [];
    if (scope.firmCreditCode !== undefined) {
      params.push(scope.firmCreditCode);
      parts.push(`c.firm_id IN (SELECT id FROM firm WHERE credit_code = $${params.length})`);
    }
    if (scope.regionPrefix !== undefined) {
      params.push(`${scope.regionPrefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      parts.push(`c.region_code LIKE $${params.length}`);
    }
    return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
  }

  private firmScope(scope: FirmScope, params: unknown[]): string {
    const parts: string[] = [];
    if (scope.firmCreditCode !== undefined) {
      params.push(scope.firmCreditCode);
      parts.push(`fi.credit_code = $${params.length}`);
    }
    if (scope.regionPrefix !== undefined) {
      params.push(`${scope.regionPrefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      parts.push(`substr(fi.credit_code, 3, 6) LIKE $${params.length}`);
    }
    return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
  }

  /** Cases not in one of `closedStates`, by division code and state (a snapshot: no period). */
  async openCases(scope: FirmScope, closedStates: readonly string[]): Promise<StateCountRow[]> {
    const params: unknown[] = [closedStates];
    const where = this.caseScope(scope, params);
    return (
      await this.db.dataSource.query<{ regionCode: string; state: string; count: string }[]>(
        `SELECT c.region_code AS "regionCode", c.state, count(*)::text AS count FROM "case" c
         WHERE ${where} AND NOT (c.state = ANY ($1::text[])) GROUP BY c.region_code, c.state`,
        params,
      )
    ).map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** Findings of the cases whose clue was registered in the period, by division code, month and reason. */
  async findings(scope: FirmScope, period: StatisticsPeriod): Promise<FindingCountRow[]> {
    const params: unknown[] = [period.from, period.to];
    const where = this.caseScope(scope, params);
    return (
      await this.db.dataSource.query<{ regionCode: string; month: string; reason: string; count: string }[]>(
        `SELECT c.region_code AS "regionCode", to_char(c.clue_date, 'YYYY-MM') AS month, f.reason,
                count(*)::text AS count
         FROM "case" c JOIN finding f ON f.case_id = c.id
         WHERE ${where} AND c.clue_date >= $1::date AND c.clue_date < $2::date
         GROUP BY c.region_code, to_char(c.clue_date, 'YYYY-MM'), f.reason`,
        params,
      )
    ).map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** Capture records stored from the firms' capture batches received in the period (Beijing months). */
  async captures(scope: FirmScope, period: StatisticsPeriod): Promise<CaptureCountRow[]> {
    const params: unknown[] = [period.from, period.to];
    const where = this.firmScope(scope, params);
    return (
      await this.db.dataSource.query<{ regionCode: string; month: string; count: string }[]>(
        `SELECT substr(fi.credit_code, 3, 6) AS "regionCode",
                to_char(b.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
                sum(b.accepted_count)::text AS count
         FROM firm fi JOIN ingest_batch b ON b.firm_id = fi.id
         WHERE ${where} AND b.kind = 'captures' AND b.accepted_count > 0
           AND b.received_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
           AND b.received_at < ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')
         GROUP BY 1, 2`,
        params,
      )
    ).map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** Firms registered, by division code. */
  async firms(scope: FirmScope): Promise<FirmCountRow[]> {
    const params: unknown[] = [];
    const where = this.firmScope(scope, params);
    return (
      await this.db.dataSource.query<{ regionCode: string; count: string }[]>(
        `SELECT substr(fi.credit_code, 3, 6) AS "regionCode", count(*)::text AS count FROM firm fi
         WHERE ${where} GROUP BY 1`,
        params,
      )
    ).map((r) => ({ ...r, count: Number(r.count) }));
  }

  /**
   * Cases with a fine proposed or decided in the period (the decision's day, else the proposal's), newest
   * first, at most `limit`.
   */
  async fines(scope: FirmScope, period: StatisticsPeriod, limit: number): Promise<CaseFineRow[]> {
    const params: unknown[] = [period.from, period.to, limit];
    const where = this.caseScope(scope, params);
    return this.db.dataSource.query<CaseFineRow[]>(
      `SELECT * FROM (
         SELECT c.id::text AS "caseId", c.case_number AS "caseNumber", c.region_code AS "regionCode",
                COALESCE(to_char(p.minor / 100.0, 'FM999999999999990.00'),
                         COALESCE(a.override_amount, a.amount)::text) AS proposed,
                to_char(d.minor / 100.0, 'FM999999999999990.00') AS decided,
                to_char(COALESCE(d.date, p.date, (a.assessed_at AT TIME ZONE 'Asia/Shanghai')::date),
                        'YYYY-MM-DD') AS date
         FROM "case" c
         LEFT JOIN LATERAL (SELECT (s.input->>'amountMinor')::numeric AS minor, s.date FROM case_step s
                            WHERE s.case_id = c.id AND s.action = 'propose' ORDER BY s.seq DESC LIMIT 1) p ON TRUE
         LEFT JOIN LATERAL (SELECT (s.input->>'amountMinor')::numeric AS minor, s.date FROM case_step s
                            WHERE s.case_id = c.id AND s.action = 'decide' ORDER BY s.seq DESC LIMIT 1) d ON TRUE
         LEFT JOIN LATERAL (SELECT x.amount, x.override_amount, x.assessed_at FROM penalty_assessment x
                            WHERE x.case_id = c.id ORDER BY x.version DESC LIMIT 1) a ON TRUE
         WHERE ${where} AND (p.minor IS NOT NULL OR d.minor IS NOT NULL OR a.amount IS NOT NULL)
       ) f
       WHERE f.date >= $1 AND f.date < $2
       ORDER BY f.date DESC, f."caseId" DESC LIMIT $3`,
      params,
    );
  }

  /** The public precedents the latest assessments of these cases were compared with, once each. */
  async precedents(caseIds: readonly string[]): Promise<PrecedentRow[]> {
    if (caseIds.length === 0) return [];
    return this.db.dataSource.query<PrecedentRow[]>(
      `SELECT DISTINCT ON (p->>'id') p->>'id' AS id, p->>'authority' AS authority,
              p->>'decisionDate' AS "decisionDate", p->>'amount' AS amount, p->>'currency' AS currency,
              COALESCE((p->>'comparable')::boolean, TRUE) AS comparable
       FROM (SELECT DISTINCT ON (x.case_id) x.trace FROM penalty_assessment x
             WHERE x.case_id = ANY ($1::bigint[]) ORDER BY x.case_id, x.version DESC) a,
            jsonb_array_elements(COALESCE(a.trace->'precedents', '[]'::jsonb)) p
       ORDER BY p->>'id'`,
      [caseIds],
    );
  }
}
