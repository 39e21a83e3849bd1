import { Inject, Injectable } from '@nestjs/common';
import { Clock, formatDate } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { RegistryRepository } from '@app/persistence';
import { AssessmentService } from './assessment.service';
import { AuditService, type AuditOutcome } from './audit.service';
import { CaseFileService } from './case-file.service';
import { IngestService, type IngestProgress } from './ingest.service';
import type { InspectionReport } from './inspection.types';
import { SchemaService } from './schema.service';

export interface InspectOptions {
  outDir?: string;
  /** The decision date (YYYY-MM-DD) the case is drafted for; default today in the firm's time zone. */
  decisionDate?: string;
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
    const outcome = await this.auditAndAssess(ingested.firm.creditCode, { ...options, operator });
    options.onStage?.('render');
    const file = await this.caseFiles.render(ingested.firm, outcome.audit, operator, options.outDir);
    return {
      firm: ingested.firm,
      case: { number: outcome.audit.caseNumber, decisionDate: outcome.audit.decisionDate },
      ingest: {
        captures: ingested.captures,
        consents: ingested.consents,
        captureFiles: ingested.captureFiles,
        refusedFiles: ingested.refusedFiles,
      },
      findings: this.publicFindings(outcome.audit),
      penalty: outcome.penalty,
      caseFile: { path: file.path, sha256: file.sha256, pages: file.pages },
    };
  }

  /** Audits a firm's stored evidence and proposes the fine (the `audit` command and the second half of inspect). */
  async auditAndAssess(creditCode: string, options: Omit<InspectOptions, 'outDir' | 'onProgress'> = {}) {
    await this.schema.ready();
    const operator = options.operator ?? this.config.operator;
    const firm = await this.registry.findFirm(creditCode);
    const decisionDate =
      options.decisionDate ?? formatDate(this.clock.now().getTime(), firm?.timezone ?? 'Asia/Shanghai');
    options.onStage?.('audit');
    const audit = await this.audit.auditFirm(creditCode, { decisionDate, operator });
    options.onStage?.('assess');
    const stored = await this.assessment.assess((await this.registry.findFirm(creditCode))!, audit, operator);
    return {
      firm: (await this.registry.findFirm(creditCode))!,
      audit,
      penalty: AssessmentService.report(stored),
    };
  }

  /** Renders the case file of an audited firm (the `case render` command). */
  async renderCase(
    creditCode: string,
    options: { outDir?: string; decisionDate?: string; operator?: string } = {},
  ) {
    const { firm, audit } = await this.auditAndAssess(creditCode, options);
    return this.caseFiles.render(firm, audit, options.operator ?? this.config.operator, options.outDir);
  }

  publicFindings(audit: AuditOutcome): InspectionReport['findings'] {
    const { conduct: _c, minorsAffected: _m, ...rest } = audit.findings;
    return rest;
  }
}
