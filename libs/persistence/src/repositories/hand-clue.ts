import type { BulkSession } from '../bulk/bulk-session';

/** A clue without evidence of its own: entered by an officer, or opened by the supervision re-audit. */
export interface HandClue {
  firmId: string;
  creditCode: string;
  description: string;
  clueDate: string;
  discoveryDate: string | null;
  conductEndDate: string | null;
  partyAddress: string | null;
  openedBy: string;
  openedAt: Date;
  /** Added to the audit log row beside the case number and clue date. */
  auditDetails?: Record<string, unknown>;
}

/**
 * Inserts a clue in the caller's transaction, numbered as every clue without evidence is: the firm's next
 * `BA-<credit code>-M<n>`, one writer per firm at a time (a transaction-scoped advisory lock), and audited.
 */
export async function insertHandClue(
  s: BulkSession,
  c: HandClue,
): Promise<{ id: string; caseNumber: string }> {
  await s.query(`SELECT pg_advisory_xact_lock(hashtext('case-clue:' || $1::text))`, [c.firmId]);
  const { rows: counted } = await s.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "case" WHERE firm_id = $1 AND source = 'hand'`,
    [c.firmId],
  );
  const caseNumber = `BA-${c.creditCode}-M${String(Number(counted[0].n) + 1).padStart(4, '0')}`;
  const { rows } = await s.query<{ id: string }>(
    `INSERT INTO "case" (case_number, firm_id, evidence_digest, decision_date, status, summary, opened_by, opened_at,
                         source, clue_date, discovery_date, conduct_end_date, description, party_address)
     VALUES ($1, $2, NULL, $3, 'clue', '{}', $4, $5, 'hand', $3, $6, $7, $8, $9) RETURNING id::text AS id`,
    [
      caseNumber,
      c.firmId,
      c.clueDate,
      c.openedBy,
      c.openedAt.toISOString(),
      c.discoveryDate,
      c.conductEndDate,
      c.description,
      c.partyAddress,
    ],
  );
  await s.query(
    `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, 'case.clue-opened', 'case', $2, $3)`,
    [c.openedBy, rows[0].id, JSON.stringify({ caseNumber, clueDate: c.clueDate, ...c.auditDetails })],
  );
  return { id: rows[0].id, caseNumber };
}
