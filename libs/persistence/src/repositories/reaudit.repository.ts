import type { Database } from '../data-source';
import { withBulkTransaction } from '../bulk/bulk-session';
import { insertHandClue } from './hand-clue';
import { isoInstant } from './sql-instant';

/** The firm's latest audit: the newest case an audit made from evidence (a clue entered by hand has none). */
export interface AuditedCaseRow {
  id: string;
  caseNumber: string;
  summary: Record<string, unknown>;
}

/** A firm whose completed batches are not all in the evidence of its latest audit. */
export interface FirmWithNewEvidence {
  firmId: string;
  creditCode: string;
}

/** A re-audit's difference as stored: the new findings by reason against the previous audit. */
export interface ReauditDifferenceRow {
  /** The audit case the re-audit made. */
  caseId: string;
  caseNumber: string;
  previousCaseId: string | null;
  previousCaseNumber: string | null;
  newFindings: Record<string, number>;
  newTotal: number;
  /** The clue threshold in force when it ran. */
  threshold: number;
  /** ISO 8601. */
  createdAt: string;
}

export interface NewDifference {
  firmId: string;
  caseId: string;
  previousCaseId: string | null;
  newFindings: Record<string, number>;
  newTotal: number;
  threshold: number;
  /** When the re-audit ran (the job's clock). */
  createdAt: Date;
}

export interface SupervisionClueRequest {
  firmId: string;
  creditCode: string;
  auditCaseId: string;
  description: string;
  clueDate: string;
  openedBy: string;
  openedAt: Date;
  /** The procedure's terminal states: a clue whose case reached one no longer holds the firm's key. */
  terminalStates: readonly string[];
}

/** Rolls the clue's case back when another runner holds the firm's key (the unique index said so). */
class ClueHeld extends Error {}

// A completed batch of the firm that the latest audited case does not rest on.
const NEW_BATCH = `
  SELECT b.id FROM ingest_batch b
  WHERE b.firm_id = f.id AND b.status = 'completed'
    AND NOT EXISTS (
      SELECT 1 FROM case_evidence e
      WHERE e.batch_id = b.id
        AND e.case_id = (SELECT max(c.id) FROM "case" c WHERE c.firm_id = f.id AND c.evidence_digest IS NOT NULL))`;

/**
 * What the supervision re-audit reads and keeps: which firms have evidence their latest audit did not see, the
 * difference each re-audit found, and the one clue per firm it may open.
 */
export class ReauditRepository {
  constructor(private readonly db: Database) {}

  /** Firms with a completed batch outside their latest audit's evidence, by credit code. */
  async firmsWithNewEvidence(): Promise<FirmWithNewEvidence[]> {
    return this.db.dataSource.query<FirmWithNewEvidence[]>(
      `SELECT f.id::text AS "firmId", f.credit_code AS "creditCode" FROM firm f
       WHERE EXISTS (${NEW_BATCH}) ORDER BY f.credit_code`,
    );
  }

  /** The firm's completed batches its latest audit did not rest on (all of them before a first audit). */
  async newBatchIds(firmId: string): Promise<string[]> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `SELECT n.id::text AS id FROM firm f, LATERAL (${NEW_BATCH}) n WHERE f.id = $1 ORDER BY n.id`,
      [firmId],
    );
    return rows.map((r) => r.id);
  }

  /** The firm's latest audited case, or null before its first audit. */
  async latestAuditedCase(firmId: string): Promise<AuditedCaseRow | null> {
    const [row] = await this.db.dataSource.query<AuditedCaseRow[]>(
      `SELECT id::text AS id, case_number AS "caseNumber", summary FROM "case"
       WHERE firm_id = $1 AND evidence_digest IS NOT NULL ORDER BY id DESC LIMIT 1`,
      [firmId],
    );
    return row ?? null;
  }

  /** Stores the difference of an audit case; false when that case's difference was stored already. */
  async recordDifference(d: NewDifference): Promise<boolean> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `INSERT INTO reaudit_difference (firm_id, case_id, previous_case_id, new_findings, new_total, threshold, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO NOTHING RETURNING id::text AS id`,
      [
        d.firmId,
        d.caseId,
        d.previousCaseId,
        JSON.stringify(d.newFindings),
        d.newTotal,
        d.threshold,
        d.createdAt.toISOString(),
      ],
    );
    return rows.length > 0;
  }

  /** The firm's stored differences, newest first (the re-audit's trail on the firm's page). */
  async differencesOf(firmId: string, limit = 100): Promise<ReauditDifferenceRow[]> {
    const rows = await this.db.dataSource.query<ReauditDifferenceRow[]>(
      `SELECT d.case_id::text AS "caseId", c.case_number AS "caseNumber", d.previous_case_id::text AS "previousCaseId",
              p.case_number AS "previousCaseNumber", d.new_findings AS "newFindings", d.new_total AS "newTotal",
              d.threshold, ${isoInstant('d.created_at')} AS "createdAt"
       FROM reaudit_difference d JOIN "case" c ON c.id = d.case_id LEFT JOIN "case" p ON p.id = d.previous_case_id
       WHERE d.firm_id = $1 ORDER BY d.id DESC LIMIT $2`,
      [firmId, Math.max(1, Math.min(500, limit))],
    );
    return rows.map((r) => ({ ...r, newTotal: Number(r.newTotal), threshold: Number(r.threshold) }));
  }

  /**
   * Opens a clue for the firm unless one it opened earlier is still unreleased. The firm's key is the partial
   * unique index `uq_supervision_clue_open`: the clue's case and the key commit together, and a runner that
   * loses the race rolls its case back. Clues whose case reached a terminal state are released first.
   */
  async openClueOnce(
    c: SupervisionClueRequest,
  ): Promise<{ opened: boolean; caseId: string; caseNumber: string }> {
    try {
      return await withBulkTransaction(this.db, async (s) => {
        await s.query(
          `UPDATE supervision_clue k SET released_at = $2 FROM "case" c
           WHERE k.firm_id = $1 AND k.released_at IS NULL AND c.id = k.case_id AND c.state = ANY ($3::text[])`,
          [c.firmId, c.openedAt.toISOString(), c.terminalStates],
        );
        // The common case, answered without writing; the unique index below settles a race.
        const { rows: held } = await s.query(
          `SELECT 1 FROM supervision_clue WHERE firm_id = $1 AND released_at IS NULL`,
          [c.firmId],
        );
        if (held.length > 0) throw new ClueHeld();
        const { id: caseId, caseNumber } = await insertHandClue(s, {
          firmId: c.firmId,
          creditCode: c.creditCode,
          description: c.description,
          clueDate: c.clueDate,
          discoveryDate: null,
          conductEndDate: null,
          partyAddress: null,
          openedBy: c.openedBy,
          openedAt: c.openedAt,
          auditDetails: { source: 'supervision', auditCaseId: c.auditCaseId },
        });
        const claimed = await s.query(
          `INSERT INTO supervision_clue (firm_id, case_id, audit_case_id, opened_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (firm_id) WHERE released_at IS NULL DO NOTHING RETURNING id`,
          [c.firmId, caseId, c.auditCaseId, c.openedAt.toISOString()],
        );
        if (claimed.rows.length === 0) throw new ClueHeld();
        return { opened: true, caseId, caseNumber };
      });
    } catch (e) {
      if (!(e instanceof ClueHeld)) throw e;
    }
    const held = await this.openClueOf(c.firmId);
    if (!held) throw new Error(`supervision clue of firm ${c.firmId} was held but is gone`);
    return { opened: false, ...held };
  }

  /** The firm's unreleased supervision clue, or null. */
  async openClueOf(
    firmId: string,
  ): Promise<{ caseId: string; caseNumber: string; openedAt: string; state: string } | null> {
    const [row] = await this.db.dataSource.query<
      { caseId: string; caseNumber: string; openedAt: string; state: string }[]
    >(
      `SELECT c.id::text AS "caseId", c.case_number AS "caseNumber", c.state,
              ${isoInstant('k.opened_at')} AS "openedAt"
       FROM supervision_clue k JOIN "case" c ON c.id = k.case_id
       WHERE k.firm_id = $1 AND k.released_at IS NULL`,
      [firmId],
    );
    return row ?? null;
  }
}
