import type { Database } from '../data-source';
import { withBulkTransaction, type BulkSession } from '../bulk/bulk-session';
import { scopeCondition, type FirmScope } from './firm-scope';
import { insertHandClue, type HandClue } from './hand-clue';

/** A case as the procedure sees it: its header, its firm, and the dates that drive its deadlines. */
export interface ProcedureCaseRow {
  id: string;
  caseNumber: string;
  procedureId: string;
  state: string;
  source: 'inspection' | 'hand';
  regionCode: string;
  docketNumber: string | null;
  clueDate: string;
  discoveryDate: string | null;
  conductEndDate: string | null;
  description: string | null;
  partyAddress: string | null;
  flags: Record<string, boolean>;
  partyKind: string;
  decisionDate: string;
  summary: Record<string, unknown>;
  openedBy: string;
  openedAt: string;
  firm: { id: string; creditCode: string; name: string; region: string; timezone: string };
}

/** A stored step (oldest first). */
export interface ProcedureStepRow {
  seq: number;
  action: string;
  actorId: string;
  actorRoles: string[];
  /** ISO 8601 instant. */
  at: string;
  date: string;
  input: Record<string, unknown>;
  fromState: string;
  toState: string;
  documentKind: string | null;
  documentId: string | null;
}

export interface ProcedureHandlerRow {
  actorId: string;
  certificateNumber: string | null;
  assignedSeq: number;
}

/** The latest assessment version of a case: amounts as exact decimal strings (yuan), as stored. */
export interface ProcedureAssessmentRow {
  id: string;
  version: number;
  currency: string;
  amount: string;
  minAmount: string;
  maxAmount: string | null;
  tier: string;
  rulebook: string;
  rulebookVersion: string;
  discoveryDate: string | null;
  decisionDate: string;
  trace: Record<string, unknown>;
}

export interface ProcedureDocumentRow {
  id: string;
  caseId: string;
  stepSeq: number;
  kind: string;
  documentNumber: string;
  sha256: string;
  bytes: number;
  storagePath: string;
  issuedOn: string;
  issuedBy: string;
  /** ISO 8601 instant. */
  issuedAt: string;
}

/** Everything the workflow reads of a case, in one consistent view. */
export interface ProcedureSnapshot {
  case: ProcedureCaseRow;
  steps: ProcedureStepRow[];
  handlers: ProcedureHandlerRow[];
  assessment: ProcedureAssessmentRow | null;
  documents: ProcedureDocumentRow[];
}

export interface NewStep {
  seq: number;
  action: string;
  actorId: string;
  actorRoles: readonly string[];
  at: Date;
  date: string;
  input: Record<string, unknown>;
  fromState: string;
  toState: string;
  documentKind: string | null;
  documentId: string | null;
}

export interface NewDocument {
  stepSeq: number;
  kind: string;
  documentNumber: string;
  sha256: string;
  bytes: number;
  storagePath: string;
  issuedOn: string;
  issuedBy: string;
  issuedAt: Date;
}

/** A clue entered by hand (no evidence yet). */
export type NewClue = Omit<HandClue, 'auditDetails'>;

/** One case of a list, with what a list shows. */
export interface CaseListRow {
  id: string;
  caseNumber: string;
  docketNumber: string | null;
  state: string;
  procedureId: string;
  clueDate: string;
  openedAt: string;
  firm: { creditCode: string; name: string };
}

/** The operations of one locked case, inside its transaction. */
export interface CaseProcedureTransaction {
  /** The case as it is now (the row is locked until the transaction ends). */
  snapshot(): Promise<ProcedureSnapshot>;
  appendStep(step: NewStep): Promise<void>;
  addDocument(doc: NewDocument): Promise<string>;
  /** Moves the case to `state`; sets the docket number and freezes the clue's dates when given. */
  updateCase(change: {
    state: string;
    docketNumber?: string;
    clueDate?: string;
    discoveryDate?: string | null;
    partyAddress?: string;
    flags?: Record<string, boolean>;
    partyKind?: string;
  }): Promise<void>;
  replaceHandlers(
    handlers: readonly { actorId: string; certificateNumber: string | null }[],
    seq: number,
  ): Promise<void>;
  /** The next docket number of a region and year (serialised by an advisory lock until commit). */
  nextDocketSerial(regionCode: string, year: number): Promise<number>;
  /** Appends the domain event to the audit log in the same transaction as the step. */
  audit(actor: string, action: string, details: Record<string, unknown>): Promise<void>;
}

const CASE_COLUMNS = `c.id::text AS id, c.case_number AS "caseNumber", c.procedure_id AS "procedureId", c.state,
  c.source, c.region_code AS "regionCode", c.docket_number AS "docketNumber", c.clue_date::text AS "clueDate",
  c.discovery_date::text AS "discoveryDate", c.conduct_end_date::text AS "conductEndDate", c.description, c.party_address AS "partyAddress", c.flags, c.party_kind AS "partyKind",
  c.decision_date::text AS "decisionDate", c.summary, c.opened_by AS "openedBy",
  to_char(c.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "openedAt",
  f.id::text AS "firmId", f.credit_code AS "firmCreditCode", f.name AS "firmName", f.region AS "firmRegion",
  f.timezone AS "firmTimezone"`;

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

type FlatCase = Omit<ProcedureCaseRow, 'firm'> & {
  firmId: string;
  firmCreditCode: string;
  firmName: string;
  firmRegion: string;
  firmTimezone: string;
};

function caseOf(r: FlatCase): ProcedureCaseRow {
  const { firmId, firmCreditCode, firmName, firmRegion, firmTimezone, ...c } = r;
  return {
    ...c,
    firm: {
      id: firmId,
      creditCode: firmCreditCode,
      name: firmName,
      region: firmRegion,
      timezone: firmTimezone,
    },
  };
}

async function loadSnapshot(
  q: Query,
  caseId: string,
  scope: FirmScope,
  lock: boolean,
): Promise<ProcedureSnapshot | null> {
  const cond = scopeCondition(scope, 'f', 2);
  const [row] = await q<FlatCase>(
    `SELECT ${CASE_COLUMNS} FROM "case" c JOIN firm f ON f.id = c.firm_id
     WHERE c.id = $1 AND ${cond.sql} ${lock ? 'FOR UPDATE OF c' : ''}`,
    [caseId, ...cond.params],
  );
  if (!row) return null;
  const steps = await q<ProcedureStepRow>(
    `SELECT seq, action, actor_id AS "actorId", actor_roles AS "actorRoles",
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, date::text AS date, input,
            from_state AS "fromState", to_state AS "toState", document_kind AS "documentKind",
            document_id::text AS "documentId"
     FROM case_step WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );
  const handlers = await q<ProcedureHandlerRow>(
    `SELECT actor_id AS "actorId", certificate_number AS "certificateNumber", assigned_seq AS "assignedSeq"
     FROM case_handler WHERE case_id = $1 ORDER BY length(actor_id), actor_id`,
    [caseId],
  );
  const [assessment] = await q<ProcedureAssessmentRow>(
    `SELECT id::text AS id, version, currency, amount::text AS amount, min_amount::text AS "minAmount",
            max_amount::text AS "maxAmount", tier, rulebook, rulebook_version AS "rulebookVersion",
            discovery_date::text AS "discoveryDate", decision_date::text AS "decisionDate", trace
     FROM penalty_assessment WHERE case_id = $1 ORDER BY version DESC LIMIT 1`,
    [caseId],
  );
  const documents = await documentsOf(q, caseId);
  return {
    case: caseOf(row),
    steps: steps.map((s) => ({ ...s, seq: Number(s.seq) })),
    handlers: handlers.map((h) => ({ ...h, assignedSeq: Number(h.assignedSeq) })),
    assessment: assessment ? { ...assessment, version: Number(assessment.version) } : null,
    documents,
  };
}

const documentColumns = (
  d: string,
) => `${d}.id::text AS id, ${d}.case_id::text AS "caseId", ${d}.step_seq AS "stepSeq",
  ${d}.kind, ${d}.document_number AS "documentNumber", ${d}.sha256, ${d}.bytes::text AS bytes,
  ${d}.storage_path AS "storagePath", ${d}.issued_on::text AS "issuedOn", ${d}.issued_by AS "issuedBy",
  to_char(${d}.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "issuedAt"`;

type RawDocument = Omit<ProcedureDocumentRow, 'bytes' | 'stepSeq'> & {
  bytes: string;
  stepSeq: number | string;
};
const documentOf = (d: RawDocument): ProcedureDocumentRow => ({
  ...d,
  stepSeq: Number(d.stepSeq),
  bytes: Number(d.bytes),
});

async function documentsOf(q: Query, caseId: string): Promise<ProcedureDocumentRow[]> {
  const rows = await q<RawDocument>(
    `SELECT ${documentColumns('d')} FROM case_document d WHERE d.case_id = $1 ORDER BY d.step_seq`,
    [caseId],
  );
  return rows.map(documentOf);
}

/**
 * Cases as administrative-penalty procedures: the clue, its steps, handlers and issued documents. A step is
 * taken inside `withLockedCase`, which holds the case row (`SELECT … FOR UPDATE`) until it commits, so two
 * actions on one case cannot interleave (the embedded engine runs one transaction at a time anyway). Every
 * read takes the caller's firm scope: a case outside it is not found.
 */
export class CaseProcedureRepository {
  constructor(private readonly db: Database) {}

  private readonly q: Query = (sql, params = []) => this.db.dataSource.query(sql, params);

  /** The case with steps, handlers, latest assessment and documents, or null (also when out of scope). */
  snapshot(caseId: string, scope: FirmScope = {}): Promise<ProcedureSnapshot | null> {
    if (!/^\d{1,18}$/.test(caseId)) return Promise.resolve(null);
    return loadSnapshot(this.q, caseId, scope, false);
  }

  /**
   * Runs `fn` in one transaction holding the case's row lock; null (and `fn` not run) when the case does not
   * exist or is out of scope. Everything `fn` writes commits together or not at all.
   */
  async withLockedCase<T>(
    caseId: string,
    scope: FirmScope,
    fn: (tx: CaseProcedureTransaction) => Promise<T>,
  ): Promise<{ found: false } | { found: true; result: T }> {
    if (!/^\d{1,18}$/.test(caseId)) return { found: false };
    return withBulkTransaction(this.db, async (s) => {
      const q: Query = async (sql, params) => (await s.query(sql, params)).rows as never[];
      const locked = await loadSnapshot(q, caseId, scope, true);
      if (!locked) return { found: false as const };
      const result = await fn(transactionOf(s, q, caseId));
      return { found: true as const, result };
    });
  }

  /** Opens a clue by hand; its number is the firm's next `BA-<credit code>-M<n>`. Returns the case id. */
  async openClue(c: NewClue): Promise<{ id: string; caseNumber: string }> {
    return withBulkTransaction(this.db, (s) => insertHandClue(s, c));
  }

  /**
   * Cases in scope, newest first, a page at a time (keyset on id: stable under inserts); `cursor` is the last
   * id of the previous page.
   */
  async list(
    scope: FirmScope,
    filter: { firmCreditCode?: string; state?: string; cursor?: string; limit: number },
  ): Promise<CaseListRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const cond = scopeCondition(scope, 'f', 1);
    where.push(cond.sql);
    params.push(...cond.params);
    if (filter.firmCreditCode !== undefined) {
      params.push(filter.firmCreditCode);
      where.push(`f.credit_code = $${params.length}`);
    }
    if (filter.state !== undefined) {
      params.push(filter.state);
      where.push(`c.state = $${params.length}`);
    }
    if (filter.cursor !== undefined) {
      params.push(filter.cursor);
      where.push(`c.id < $${params.length}::bigint`);
    }
    const rows = await this.q<FlatCase>(
      `SELECT ${CASE_COLUMNS} FROM "case" c JOIN firm f ON f.id = c.firm_id
       WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${Math.max(1, Math.min(500, filter.limit))}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      caseNumber: r.caseNumber,
      docketNumber: r.docketNumber,
      state: r.state,
      procedureId: r.procedureId,
      clueDate: r.clueDate,
      openedAt: r.openedAt,
      firm: { creditCode: r.firmCreditCode, name: r.firmName },
    }));
  }

  /** Ids of open cases in scope that concern `actorId` as a handler, or every open one when `all` (heads). */
  async openCaseIds(
    scope: FirmScope,
    who: { actorId: string; all: boolean },
    closedStates: readonly string[],
    limit = 500,
  ): Promise<string[]> {
    const cond = scopeCondition(scope, 'f', 3);
    const rows = await this.q<{ id: string }>(
      `SELECT c.id::text AS id FROM "case" c JOIN firm f ON f.id = c.firm_id
       WHERE NOT (c.state = ANY ($1::text[])) AND ${cond.sql}
         AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM case_handler h WHERE h.case_id = c.id AND h.actor_id = $2))
       ORDER BY c.id LIMIT ${Number(limit)}`,
      [closedStates, who.all ? null : who.actorId, ...cond.params],
    );
    return rows.map((r) => r.id);
  }

  /** One issued document, or null when it does not exist or its case is out of scope. */
  async document(id: string, scope: FirmScope): Promise<ProcedureDocumentRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const cond = scopeCondition(scope, 'f', 2);
    const [row] = await this.q<RawDocument>(
      `SELECT ${documentColumns('d')}
       FROM case_document d JOIN "case" c ON c.id = d.case_id JOIN firm f ON f.id = c.firm_id
       WHERE d.id = $1 AND ${cond.sql}`,
      [id, ...cond.params],
    );
    return row ? documentOf(row) : null;
  }
}

function transactionOf(s: BulkSession, q: Query, caseId: string): CaseProcedureTransaction {
  return {
    snapshot: async () => (await loadSnapshot(q, caseId, {}, false))!,
    async appendStep(step) {
      await s.query(
        `INSERT INTO case_step (case_id, seq, action, actor_id, actor_roles, at, date, input, from_state, to_state,
                                document_kind, document_id)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12)`,
        [
          caseId,
          step.seq,
          step.action,
          step.actorId,
          step.actorRoles,
          step.at.toISOString(),
          step.date,
          JSON.stringify(step.input),
          step.fromState,
          step.toState,
          step.documentKind,
          step.documentId,
        ],
      );
    },
    async addDocument(d) {
      const { rows } = await s.query<{ id: string }>(
        `INSERT INTO case_document (case_id, step_seq, kind, document_number, sha256, bytes, storage_path, issued_on,
                                    issued_by, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
        [
          caseId,
          d.stepSeq,
          d.kind,
          d.documentNumber,
          d.sha256,
          d.bytes,
          d.storagePath,
          d.issuedOn,
          d.issuedBy,
          d.issuedAt.toISOString(),
        ],
      );
      return rows[0].id;
    },
    async updateCase(change) {
      await s.query(
        `UPDATE "case" SET state = $2, docket_number = COALESCE($3, docket_number), clue_date = COALESCE($4::date, clue_date),
                           discovery_date = CASE WHEN $5::boolean THEN $6::date ELSE discovery_date END,
                           party_address = COALESCE($7, party_address), flags = COALESCE($8::jsonb, flags),
                           party_kind = COALESCE($9, party_kind)
         WHERE id = $1`,
        [
          caseId,
          change.state,
          change.docketNumber ?? null,
          change.clueDate ?? null,
          change.discoveryDate !== undefined,
          change.discoveryDate ?? null,
          change.partyAddress ?? null,
          change.flags ? JSON.stringify(change.flags) : null,
          change.partyKind ?? null,
        ],
      );
    },
    async replaceHandlers(handlers, seq) {
      await s.query(`DELETE FROM case_handler WHERE case_id = $1`, [caseId]);
      for (const h of handlers) {
        await s.query(
          `INSERT INTO case_handler (case_id, actor_id, certificate_number, assigned_seq) VALUES ($1, $2, $3, $4)`,
          [caseId, h.actorId, h.certificateNumber, seq],
        );
      }
    },
    async nextDocketSerial(regionCode, year) {
      await s.query(`SELECT pg_advisory_xact_lock(hashtext('case-docket:' || $1::text))`, [
        `${regionCode}:${year}`,
      ]);
      const { rows } = await s.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "case" WHERE region_code = $1 AND docket_number LIKE $2`,
        [regionCode, `%〔${year}〕%`],
      );
      return Number(rows[0].n) + 1;
    },
    async audit(actor, action, details) {
      await s.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, $2, 'case', $3, $4)`,
        [actor, action, caseId, JSON.stringify(details)],
      );
    },
  };
}
