import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { InspectionService } from '@app/inspection';
import { chinaDate } from '@app/law';
import { IngestBatchRepository, ReauditRepository, RegistryRepository } from '@app/persistence';
import { findingDifference, type FindingCounts } from './core/finding-difference';
import type { SupervisionAlert, SupervisionResult, SupervisionTarget } from './job-result';
import { SUPERVISION_ACTOR } from './supervision-actor';
import { SUPERVISION_ALERTS, SUPERVISION_ERRORS, SupervisionError } from './supervision.errors';
import { terminalStates } from './terminal-states';

/** The firm a re-audit runs for (a type, not an interface: it is a schedule target's `Record<string, unknown>` data). */
export type ReauditFirmData = {
  creditCode: string;
};

/**
 * Re-audit with a difference. "New evidence" is a completed batch of the firm that its latest audit did not
 * rest on: every audit (`inspect`, `audit`, an API inspection run, this job) makes its case from all completed
 * batches and records them as the case's evidence (case_evidence), so the latest audited case says exactly what
 * the last audit saw. The audit itself is the one path (InspectionService.auditAndAssess); the difference (new
 * findings by reason against the previous audit) is stored once per audit case, and when its total reaches
 * BIOAUDIT_CLUE_THRESHOLD a clue is opened for the firm's region — at most one while the last one is open.
 */
@Injectable()
export class ReauditFirm {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly registry: RegistryRepository,
    private readonly batches: IngestBatchRepository,
    private readonly reaudits: ReauditRepository,
    private readonly inspection: InspectionService,
  ) {}

  /** One target per firm with new evidence, keyed by its credit code. */
  async targets(): Promise<SupervisionTarget<ReauditFirmData>[]> {
    const firms = await this.reaudits.firmsWithNewEvidence();
    return firms.map((f) => ({ key: f.creditCode, data: { creditCode: f.creditCode } }));
  }

  async run(data: ReauditFirmData): Promise<SupervisionResult> {
    const firm = await this.registry.findFirm(data.creditCode);
    if (!firm) {
      throw new SupervisionError(SUPERVISION_ERRORS.FIRM_NOT_FOUND, `no registered firm ${data.creditCode}`, {
        creditCode: data.creditCode,
      });
    }
    const newBatches = await this.reaudits.newBatchIds(firm.id);
    if (newBatches.length === 0) {
      return { summary: { firm: firm.creditCode, skipped: 'no new evidence since the last audit' } };
    }
    // A collection still writing is not evidence yet; the next run sees it completed. A failed batch is left
    // to the audit, whose refusal (AUDIT.FAILED_EVIDENCE) the schedule keeps and alerts on.
    const receiving = (await this.batches.unfinishedOf(firm.id)).filter((b) => b.status !== 'failed');
    if (receiving.length > 0) {
      return {
        summary: {
          firm: firm.creditCode,
          skipped: `evidence still being received (${receiving.length} batch(es))`,
        },
      };
    }
    // Registry files alone (firm.json, devices.csv) are nothing to audit yet: the audit would refuse them.
    const kinds = new Set((await this.batches.completedOf(firm.id)).map((b) => b.kind));
    if (!kinds.has('captures') || !kinds.has('consents')) {
      return { summary: { firm: firm.creditCode, skipped: 'no captures and consents to audit yet' } };
    }
    const previous = await this.reaudits.latestAuditedCase(firm.id);
    const { audit } = await this.inspection.auditAndAssess(firm.creditCode, { operator: SUPERVISION_ACTOR });
    const difference = findingDifference(
      previous && previous.id !== audit.caseId ? (previous.summary as unknown as FindingCounts) : null,
      audit.findings,
    );
    const threshold = this.config.supervision.clueThreshold;
    await this.reaudits.recordDifference({
      firmId: firm.id,
      caseId: audit.caseId,
      previousCaseId: previous && previous.id !== audit.caseId ? previous.id : null,
      newFindings: difference.byReason,
      newTotal: difference.total,
      threshold,
      createdAt: this.clock.now(),
    });
    const summary: Record<string, unknown> = {
      firm: firm.creditCode,
      case: audit.caseNumber,
      previousCase: previous?.caseNumber ?? null,
      newBatches: newBatches.length,
      newFindings: difference.byReason,
      newTotal: difference.total,
      threshold,
    };
    if (difference.total < threshold) return { summary };

    const now = this.clock.now();
    const clue = await this.reaudits.openClueOnce({
      firmId: firm.id,
      creditCode: firm.creditCode,
      auditCaseId: audit.caseId,
      description: describeClue(audit.caseNumber, previous?.caseNumber ?? null, difference.byReason),
      clueDate: chinaDate(now.getTime()),
      openedBy: SUPERVISION_ACTOR,
      openedAt: now,
      terminalStates: terminalStates(),
    });
    summary.clue = { caseNumber: clue.caseNumber, opened: clue.opened };
    if (!clue.opened) return { summary };
    const alerts: SupervisionAlert[] = [
      {
        code: SUPERVISION_ALERTS.CLUE_OPENED,
        object: `case ${clue.caseNumber}`,
        message: `firm ${firm.creditCode}: ${difference.total} new finding(s) since ${previous?.caseNumber ?? 'no earlier audit'} (threshold ${threshold}); clue ${clue.caseNumber} opened`,
      },
    ];
    return { summary, alerts };
  }
}

/** What the clue is about, for the officer who reads it in the case list. */
function describeClue(
  auditCase: string,
  previousCase: string | null,
  byReason: Record<string, number>,
): string {
  const counts = Object.entries(byReason)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return `监管复审发现新的问题线索 / Supervision re-audit: audit ${auditCase} found new findings since ${previousCase ?? 'no earlier audit'}: ${counts}`;
}
