import type { Database } from '../data-source';
import { withBulkTransaction } from '../bulk/bulk-session';
import { csvRow, pgArray } from '../bulk/csv-encode';
import { CaseEntity } from '../entities/case.entity';
import { CaseFileEntity } from '../entities/case-file.entity';
import { PenaltyAssessmentEntity } from '../entities/penalty-assessment.entity';

/** A finding ready to store, with database ids resolved. */
export interface FindingToStore {
  kind: 'capture' | 'site';
  reason: string;
  subjectRef: string | null;
  deviceDbId: string | null;
  siteDbId: string;
  purpose: string | null;
  captureCount: number;
  firstAt: number | null;
  lastAt: number | null;
  captureIds: readonly number[];
  consentIds: readonly number[];
}

export interface NewCase {
  caseNumber: string;
  firmId: string;
  evidenceDigest: string;
  decisionDate: string;
  summary: Record<string, unknown>;
  openedBy: string;
  openedAt: Date;
  batchIds: string[];
}

/** A stored finding as a case file lists it, with the firm's own device and site ids. */
export interface FindingRow {
  id: string;
  kind: string;
  reason: string;
  subjectRef: string | null;
  deviceCode: string | null;
  siteCode: string;
  siteName: string;
  purpose: string | null;
  captureCount: number;
  firstAt: Date | null;
  lastAt: Date | null;
  consentIds: string[];
  /** The firm's own consent ids (consent_record.consent_id), in the order of `consentIds`. */
  consentRefs: string[];
  /** The earliest capture of the finding (by time, then storage order), named as the firm's evidence names it. */
  firstCapture: CaptureRef | null;
  /** The latest capture of the finding. */
  lastCapture: CaptureRef | null;
}

/** A capture named by the firm's own identifiers: never a database row id. */
export interface CaptureRef {
  /** The firm's event id where the device gave one, else `sha256:<hex>` of the canonical record. */
  eventKey: string;
  fileName: string;
  lineNo: number;
  batchSha256: string;
}

/** A proposed assessment to store as a case's next version. */
export type NewAssessment = Omit<
  PenaltyAssessmentEntity,
  | 'id'
  | 'version'
  | 'assessedAt'
  | 'case'
  | 'overrideAmount'
  | 'overrideReason'
  | 'overriddenBy'
  | 'overriddenAt'
>;

/** One version of a case's assessment, as listed (no facts, no trace). */
export type AssessmentVersionSummary = Pick<
  PenaltyAssessmentEntity,
  | 'version'
  | 'decisionDate'
  | 'decisionDateFromClock'
  | 'discoveryDate'
  | 'filingDate'
  | 'rulebook'
  | 'rulebookVersion'
  | 'currency'
  | 'amount'
  | 'tier'
  | 'assessedAt'
>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Cases and everything decided in them: findings, assessments, rendered case files. */
export class CaseRepository {
  constructor(private readonly db: Database) {}

  findByNumber(caseNumber: string): Promise<CaseEntity | null> {
    return this.db.dataSource.getRepository(CaseEntity).findOneBy({ caseNumber });
  }

  findById(id: string): Promise<CaseEntity | null> {
    return this.db.dataSource.getRepository(CaseEntity).findOneBy({ id });
  }

  /** Opens a case with its evidence manifest and all its findings in one transaction. */
  async create(c: NewCase, findings: FindingToStore[]): Promise<string> {
    return withBulkTransaction(this.db, async (s) => {
      const { rows } = await s.query<{ id: string }>(
        `INSERT INTO "case" (case_number, firm_id, evidence_digest, decision_date, status, summary, opened_by, opened_at)
         VALUES ($1, $2, $3, $4, 'audited', $5, $6, $7) RETURNING id`,
        [
          c.caseNumber,
          c.firmId,
          c.evidenceDigest,
          c.decisionDate,
          JSON.stringify(c.summary),
          c.openedBy,
          c.openedAt.toISOString(),
        ],
      );
      const caseId = String(rows[0].id);
      for (const b of c.batchIds) {
        await s.query(`INSERT INTO case_evidence (case_id, batch_id) VALUES ($1, $2)`, [caseId, b]);
      }
      if (findings.length > 0) {
        let csv = '';
        for (const f of findings) {
          csv += csvRow([
            caseId,
            f.kind,
            f.reason,
            f.subjectRef,
            f.deviceDbId,
            f.siteDbId,
            f.purpose,
            f.captureCount,
            iso(f.firstAt),
            iso(f.lastAt),
            pgArray(f.captureIds),
            pgArray(f.consentIds),
          ]);
        }
        await s.copyIn(
          'finding (case_id, kind, reason, subject_ref, device_id, site_id, purpose, capture_count, first_at, last_at, capture_ids, consent_ids)',
          csv,
        );
      }
      return caseId;
    });
  }

  async evidenceBatchIds(caseId: string): Promise<string[]> {
    const rows = await this.db.dataSource.query<{ batch_id: string }[]>(
      `SELECT batch_id FROM case_evidence WHERE case_id = $1 ORDER BY batch_id`,
      [caseId],
    );
    return rows.map((r) => String(r.batch_id));
  }

  async setStatus(caseId: string, status: 'audited' | 'assessed' | 'rendered'): Promise<void> {
    await this.db.dataSource.getRepository(CaseEntity).update({ id: caseId }, { status });
  }

  /**
   * Stores a proposed assessment as the case's next version (1, 2, …) and returns it. Two processes adding
   * a version at once cannot take the same number: the loser of the (case, version) key retries.
   */
  async addAssessmentVersion(a: NewAssessment): Promise<PenaltyAssessmentEntity> {
    for (let attempt = 0; ; attempt++) {
      const rows = await this.db.dataSource.query<{ id: string }[]>(
        `INSERT INTO penalty_assessment (case_id, version, decision_date, decision_date_from_clock, discovery_date, filing_date,
                                         rulebook, rulebook_version, currency, amount, min_amount, max_amount, tier, facts, trace, assessed_by)
         SELECT $1::bigint, COALESCE(max(version), 0) + 1, $2::date, $3::boolean, $4::date, $5::date, $6::text, $7::text, $8::char(3),
                $9::numeric, $10::numeric, $11::numeric, $12::text, $13::jsonb, $14::jsonb, $15::text
         FROM penalty_assessment WHERE case_id = $1::bigint
         ON CONFLICT (case_id, version) DO NOTHING RETURNING id`,
        [
          a.caseId,
          a.decisionDate,
          a.decisionDateFromClock,
          a.discoveryDate,
          a.filingDate,
          a.rulebook,
          a.rulebookVersion,
          a.currency,
          a.amount,
          a.minAmount,
          a.maxAmount,
          a.tier,
          JSON.stringify(a.facts),
          JSON.stringify(a.trace),
          a.assessedBy,
        ],
      );
      if (rows.length > 0) {
        return (await this.db.dataSource
          .getRepository(PenaltyAssessmentEntity)
          .findOneBy({ id: String(rows[0].id) }))!;
      }
      if (attempt >= 5) throw new Error(`could not add an assessment version to case ${a.caseId}`);
    }
  }

  /** The case's highest assessment version (the one `case render` renders), or null before any. */
  latestAssessment(caseId: string): Promise<PenaltyAssessmentEntity | null> {
    return this.db.dataSource
      .getRepository(PenaltyAssessmentEntity)
      .findOne({ where: { caseId }, order: { version: 'DESC' } });
  }

  /** One assessment version of a case, or null. */
  assessmentVersion(caseId: string, version: number): Promise<PenaltyAssessmentEntity | null> {
    return this.db.dataSource.getRepository(PenaltyAssessmentEntity).findOneBy({ caseId, version });
  }

  /** Every assessment version of a case, oldest first (without facts and trace). */
  async assessmentVersions(caseId: string): Promise<AssessmentVersionSummary[]> {
    const rows = await this.db.dataSource.getRepository(PenaltyAssessmentEntity).find({
      select: {
        version: true,
        decisionDate: true,
        decisionDateFromClock: true,
        discoveryDate: true,
        filingDate: true,
        rulebook: true,
        rulebookVersion: true,
        currency: true,
        amount: true,
        tier: true,
        assessedAt: true,
      },
      where: { caseId },
      order: { version: 'ASC' },
    });
    return rows.map((r) => ({
      version: r.version,
      decisionDate: r.decisionDate,
      decisionDateFromClock: r.decisionDateFromClock,
      discoveryDate: r.discoveryDate,
      filingDate: r.filingDate,
      rulebook: r.rulebook,
      rulebookVersion: r.rulebookVersion,
      currency: r.currency,
      amount: r.amount,
      tier: r.tier,
      assessedAt: r.assessedAt,
    }));
  }

  /** Records a rendered case file once per content hash; returns the stored row. */
  async saveCaseFile(f: {
    caseId: string;
    sha256: string;
    pages: number;
    bytes: number;
    storagePath: string;
    renderedBy: string;
  }): Promise<CaseFileEntity> {
    await this.db.dataSource.query(
      `INSERT INTO case_file (case_id, sha256, pages, bytes, storage_path, rendered_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_id, sha256) DO NOTHING`,
      [f.caseId, f.sha256, f.pages, f.bytes, f.storagePath, f.renderedBy],
    );
    return (await this.db.dataSource
      .getRepository(CaseFileEntity)
      .findOneBy({ caseId: f.caseId, sha256: f.sha256 }))!;
  }

  latestCaseFile(caseId: string): Promise<CaseFileEntity | null> {
    return this.db.dataSource
      .getRepository(CaseFileEntity)
      .findOne({ where: { caseId }, order: { id: 'DESC' } });
  }

  /**
   * The case's findings in a stable order, a page at a time, each with the firm's own names for its evidence:
   * consent ids, and the first and last capture (by time, then storage order) by event id, file, line and the
   * file's SHA-256. One set-based query per page: the page's findings, their consents by primary key, and
   * each end of a finding found by an id-ordered primary-key scan of its captures that stops at the first
   * capture at first_at (last_at), so usually one lookup per end, whatever the finding's size.
   */
  async *findings(caseId: string, pageSize = 5000): AsyncGenerator<FindingRow[]> {
    let after = '0';
    for (;;) {
      const rows = await this.db.dataSource.query<
        (Omit<FindingRow, 'firstCapture' | 'lastCapture'> & {
          fKey: string | null;
          fLine: number | null;
          fFile: string | null;
          fSha: string | null;
          lKey: string | null;
          lLine: number | null;
          lFile: string | null;
          lSha: string | null;
        })[]
      >(
        `SELECT f.id, f.kind, f.reason, f.subject_ref AS "subjectRef", d.device_code AS "deviceCode", s.site_code AS "siteCode",
                s.name AS "siteName", f.purpose, f.capture_count AS "captureCount", f.first_at AS "firstAt", f.last_at AS "lastAt",
                f.consent_ids::text[] AS "consentIds",
                -- One primary-key lookup per consent id, whatever the planner thinks of the table's size.
                ARRAY(SELECT (SELECT cr.consent_id FROM consent_record cr WHERE cr.id = u.id)
                      FROM unnest(f.consent_ids) WITH ORDINALITY AS u(id, n) ORDER BY u.n) AS "consentRefs",
                fc.event_key AS "fKey", fc.line_no AS "fLine", fb.file_name AS "fFile", fb.sha256 AS "fSha",
                lc.event_key AS "lKey", lc.line_no AS "lLine", lb.file_name AS "lFile", lb.sha256 AS "lSha"
         FROM (SELECT * FROM finding WHERE case_id = $1 AND id > $2 ORDER BY id LIMIT ${Number(pageSize)}) f
         JOIN site s ON s.id = f.site_id LEFT JOIN device d ON d.id = f.device_id
         -- A finding's first capture is its smallest id at first_at, its last the largest id at last_at: the
         -- primary-key scan over capture_ids runs in id order and stops at the first match (one lookup when the
         -- file is in time order). Only when no capture matches to the millisecond does the full scan run.
         LEFT JOIN LATERAL (SELECT c.id FROM capture_event c
                            WHERE c.id = ANY (f.capture_ids) AND c.occurred_at = f.first_at ORDER BY c.id LIMIT 1) f1 ON true
         LEFT JOIN LATERAL (SELECT c.id FROM capture_event c
                            WHERE c.id = ANY (f.capture_ids) AND c.occurred_at = f.last_at ORDER BY c.id DESC LIMIT 1) l1 ON true
         LEFT JOIN LATERAL (SELECT (min(ARRAY[extract(epoch FROM c.occurred_at), c.id]))[2]::bigint AS lo,
                                   (max(ARRAY[extract(epoch FROM c.occurred_at), c.id]))[2]::bigint AS hi
                            FROM capture_event c
                            WHERE (f1.id IS NULL OR l1.id IS NULL) AND c.id = ANY (f.capture_ids)) m ON true
         LEFT JOIN capture_event fc ON fc.id = COALESCE(f1.id, m.lo)
         LEFT JOIN ingest_batch fb ON fb.id = fc.batch_id
         LEFT JOIN capture_event lc ON lc.id = COALESCE(l1.id, m.hi)
         LEFT JOIN ingest_batch lb ON lb.id = lc.batch_id
         ORDER BY f.id`,
        [caseId, after],
      );
      if (rows.length === 0) return;
      yield rows.map(({ fKey, fLine, fFile, fSha, lKey, lLine, lFile, lSha, ...r }) => ({
        ...r,
        firstCapture:
          fKey === null ? null : { eventKey: fKey, fileName: fFile!, lineNo: fLine!, batchSha256: fSha! },
        lastCapture:
          lKey === null ? null : { eventKey: lKey, fileName: lFile!, lineNo: lLine!, batchSha256: lSha! },
      }));
      after = String(rows[rows.length - 1].id);
      if (rows.length < pageSize) return;
    }
  }

  /** Affected persons (identified subjects with findings), a page at a time, by subject. */
  async *affectedPersons(
    caseId: string,
    pageSize = 5000,
  ): AsyncGenerator<
    { subjectRef: string; captures: number; firstAt: Date; lastAt: Date; reasons: string[] }[]
  > {
    let after = '';
    for (;;) {
      const rows = await this.db.dataSource.query<
        { subjectRef: string; captures: number; firstAt: Date; lastAt: Date; reasons: string[] }[]
      >(
        `SELECT subject_ref AS "subjectRef", sum(capture_count)::int AS captures, min(first_at) AS "firstAt",
                max(last_at) AS "lastAt", array_agg(DISTINCT reason ORDER BY reason) AS reasons
         FROM finding WHERE case_id = $1 AND kind = 'capture' AND subject_ref IS NOT NULL AND subject_ref > $2
         GROUP BY subject_ref ORDER BY subject_ref LIMIT ${pageSize}`,
        [caseId, after],
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].subjectRef;
      if (rows.length < pageSize) return;
    }
  }

  /** Captures lacking consent per site and reason. */
  async findingsBySite(
    caseId: string,
  ): Promise<{ siteCode: string; siteName: string; reason: string; captures: number; subjects: number }[]> {
    return this.db.dataSource.query(
      `SELECT s.site_code AS "siteCode", s.name AS "siteName", f.reason, sum(f.capture_count)::int AS captures,
              count(DISTINCT f.subject_ref)::int AS subjects
       FROM finding f JOIN site s ON s.id = f.site_id WHERE f.case_id = $1 AND f.kind = 'capture'
       GROUP BY s.site_code, s.name, f.reason ORDER BY s.site_code, f.reason`,
      [caseId],
    );
  }
}
