import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError, formatDate, type FirmProfile } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { RegistryRepository } from '@app/persistence';
import { AssessmentService } from './assessment.service';
import { AuditService, type AuditOutcome } from './audit.service';
import { checkCaseDates, readCaseDatesFile, resolveCaseDates, type StatedCaseDates } from './case-dates';
import { CaseFileService } from './case-file.service';
import { IngestService, type IngestProgress } from './ingest.service';
import type { InspectionReport, PenaltyReport } from './inspection.types';
import { SchemaService } from './schema.service';

export interface InspectOptions {
  outDir?: string;
  /**
   * The decision date (YYYY-MM-DD) the case is assessed for. Not given: the folder's case.json, else the
   * case's latest assessment, else today in the firm's time zone with `dates.decisionDateFromClock`.
   */
  decisionDate?: string;
  /** The clue/discovery date (YYYY-MM-DD; null = unknown); not given: case.json, else the latest assessment's. */
  discoveryDate?: string | null;
  /** The filing date 立案 (YYYY-MM-DD; null = unknown); not given: case.json, else the latest assessment's. */
  filingDate?: string | null;
  operator?: string;
  onProgress?: IngestProgress;
  onStage?: (stage: 'ingest' | 'audit' | 'assess' | 'render') => void;
  /** See IngestOptions.distribute. */
  distribute?: boolean;
  /** Forced capture format / encoding (`--format`, `--encoding`). */
  captures?: { format?: string; encoding?: string };
}

/** The whole inspection of one folder: ingest, detect, assess, render. Each stage is idempotent. */
@Injectable()
export class InspectionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly schema: SchemaService,
    private readonly registry: RegistryRepository,
    private readonly ingest: IngestService,
    private readonly audit: AuditService,
    private readonly assessment: AssessmentService,
    private readonly caseFiles: CaseFileService,
  ) {}

  async inspect(folder: string, options: InspectOptions = {}): Promise<InspectionReport> {
    await this.schema.ready();
    const operator = options.operator ?? this.config.operator;
    options.onStage?.('ingest');
    const ingested = await this.ingest.ingestFolder(folder, {
      operator,
      onProgress: options.onProgress,
      distribute: options.distribute,
      captures: options.captures,
    });
    // A file that failed is not evidence: auditing without it would understate the case. Stop with its reason
    // (the batch is listed by `ingest failed`; re-running the same bytes retries it, `ingest discard` drops it).
    const failed = ingested.failedBatches[0];
    if (failed !== undefined) {
      throw new DomainError(
        failed.code,
        `${failed.fileName}: ${failed.message} (batch ${failed.batch} failed; nothing of it is evidence)`,
        { ...failed, failedBatches: ingested.failedBatches },
      );
    }
    // Flags win over the folder's case.json.
    const stated: StatedCaseDates = { ...readCaseDatesFile(folder), ...statedIn(options) };
    const outcome = await this.auditAndAssess(ingested.firm.creditCode, { ...options, ...stated, operator });
    let file: { path: string; sha256: string; pages: number } | null = null;
    if (outcome.penalty !== null) {
      options.onStage?.('render');
      file = await this.caseFiles.render(ingested.firm, outcome.audit, operator, options.outDir);
    }
    return {
      firm: ingested.firm,
      case: {
        number: outcome.audit.caseNumber,
        ...outcome.audit.dates,
        assessmentVersion: outcome.penalty?.assessmentVersion ?? null,
      },
      ingest: {
        captures: ingested.captures,
        consents: ingested.consents,
        captureFiles: ingested.captureFiles,
        refusedFiles: ingested.refusedFiles,
      },
      findings: this.publicFindings(outcome.audit),
      penalty: outcome.penalty,
      caseFile: file === null ? null : { path: file.path, sha256: file.sha256, pages: file.pages },
    };
  }

  /**
   * Audits a firm's stored evidence and proposes the fine for the case's dates (the `audit` command and the
   * second half of inspect). New dates make a new assessment version; the same dates reuse the latest.
   */
  async auditAndAssess(
    creditCode: string,
    options: Omit<InspectOptions, 'outDir' | 'onProgress'> = {},
  ): Promise<{ firm: FirmProfile; audit: AuditOutcome; penalty: PenaltyReport | null }> {
    await this.schema.ready();
    const operator = options.operator ?? this.config.operator;
    const stated = statedIn(options);
    const known = await this.registry.findFirm(creditCode);
    const today = formatDate(this.clock.now().getTime(), known?.timezone ?? 'Asia/Shanghai');
    options.onStage?.('audit');
    const audited = await this.audit.auditFirm(creditCode, {
      decisionDate: stated.decisionDate ?? today,
      operator,
    });
    const dates = resolveCaseDates(stated, await this.assessment.latestDates(audited.caseId), today);
    checkCaseDates(dates);
    const audit: AuditOutcome = { ...audited, decisionDate: dates.decisionDate, dates };
    const firm = (await this.registry.findFirm(creditCode))!;
    // No finding, nothing to assess: no rulebook governs an empty set of facts, and no penalty is proposed.
    if (!hasFindings(audit)) return { firm, audit, penalty: null };
    options.onStage?.('assess');
    const stored = await this.assessment.assess(firm, audit, operator);
    return { firm, audit, penalty: AssessmentService.report(stored) };
  }

  /** Renders the case file of a firm's latest assessment version (the `case render` command). */
  async renderCase(
    creditCode: string,
    options: Pick<
      InspectOptions,
      'outDir' | 'decisionDate' | 'discoveryDate' | 'filingDate' | 'operator'
    > = {},
  ) {
    const assessed = await this.auditAndAssess(creditCode, options);
    if (assessed.penalty === null) return { ...assessed, caseFile: null };
    const file = await this.caseFiles.render(
      assessed.firm,
      assessed.audit,
      options.operator ?? this.config.operator,
      options.outDir,
    );
    return { ...assessed, caseFile: { path: file.path, sha256: file.sha256, pages: file.pages } };
  }

  /** The case's assessment versions, oldest first, as the CLI prints them (no database ids). */
  async assessmentVersions(caseId: string): Promise<AssessmentVersionReport[]> {
    return (await this.assessment.versions(caseId)).map((v) => ({
      version: v.version,
      decisionDate: v.decisionDate,
      decisionDateFromClock: v.decisionDateFromClock,
      discoveryDate: v.discoveryDate,
      filingDate: v.filingDate,
      rulebook: v.rulebook,
      rulebookVersion: v.rulebookVersion,
      currency: v.currency,
      amount: v.amount,
      tier: v.tier,
      assessedAt: v.assessedAt.toISOString(),
    }));
  }

  publicFindings(audit: AuditOutcome): InspectionReport['findings'] {
    const { conduct: _c, minorsAffected: _m, ...rest } = audit.findings;
    return rest;
  }
}

/** One assessment version of a case: the dates it was made for, the rulebook and the amount proposed. */
export interface AssessmentVersionReport {
  version: number;
  decisionDate: string;
  decisionDateFromClock: boolean;
  discoveryDate: string | null;
  filingDate: string | null;
  rulebook: string;
  rulebookVersion: string;
  currency: string;
  amount: string;
  tier: string;
  /** ISO 8601 instant the version was stored. */
  assessedAt: string;
}

/** True when the audit found a capture without valid consent or a site finding: something to assess. */
export function hasFindings(audit: AuditOutcome): boolean {
  return audit.findings.capturesWithoutValidConsent > 0 || audit.findings.siteFindings.length > 0;
}

/** The dates the options state (an absent or undefined option states nothing). */
function statedIn(o: Pick<InspectOptions, 'decisionDate' | 'discoveryDate' | 'filingDate'>): StatedCaseDates {
  const s: StatedCaseDates = {};
  if (o.decisionDate !== undefined) s.decisionDate = o.decisionDate;
  if (o.discoveryDate !== undefined) s.discoveryDate = o.discoveryDate;
  if (o.filingDate !== undefined) s.filingDate = o.filingDate;
  return s;
}
