import { Injectable } from '@nestjs/common';
import { formatDate, type FirmProfile, type SiteRule } from '@app/common';
import {
  FineCalculator,
  assessmentToJson,
  factsFromAudit,
  type AuditPenaltyInput,
  type PenaltyAssessment,
} from '@app/penalties';
import {
  AuditLogRepository,
  CaseRepository,
  type PenaltyAssessmentEntity,
  type AssessmentVersionSummary,
} from '@app/persistence';
import type { AuditOutcome } from './audit.service';
import type { CaseDates, PenaltyReport } from './inspection.types';

/**
 * What an audit tells the tested core `factsFromAudit` (the one way facts are built): counts, reasons, the
 * conduct's first and last day in the firm's time zone, and the case's dates. Facts an audit cannot know
 * (turnover, gains, cooperation, intent, minors absent a finding) stay unknown for the calculator to state.
 */
export function auditPenaltyInput(firm: FirmProfile, audit: AuditOutcome): AuditPenaltyInput {
  const f = audit.findings;
  const day = (iso: string | null) =>
    iso ? formatDate(Date.parse(iso), firm.timezone) : audit.dates.decisionDate;
  return {
    jurisdiction: 'CN',
    decisionDate: audit.dates.decisionDate,
    discoveryDate: audit.dates.discoveryDate,
    filingDate: audit.dates.filingDate,
    firmName: firm.name,
    conductFrom: day(f.conduct.from),
    conductTo: day(f.conduct.to),
    affectedSubjects: f.affectedSubjects,
    capturesWithoutValidConsent: f.capturesWithoutValidConsent,
    byReason: f.byReason,
    siteRules: f.siteFindings.map((s) => s.rule as SiteRule),
  };
}

/** The dates an assessment was made for. */
export function datesOf(a: PenaltyAssessmentEntity): CaseDates {
  return {
    discoveryDate: a.discoveryDate,
    filingDate: a.filingDate,
    decisionDate: a.decisionDate,
    decisionDateFromClock: a.decisionDateFromClock,
  };
}

/**
 * Proposes the fine of an audited case and stores it with its whole trace, one version per set of case
 * dates: the same dates (and rulebook version) as the latest version reuse it; anything else is a new
 * version, and the earlier ones are kept.
 */
@Injectable()
export class AssessmentService {
  private readonly calculator = new FineCalculator();

  constructor(
    private readonly cases: CaseRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  /** The dates of the case's latest assessment, or null before its first. */
  async latestDates(caseId: string): Promise<CaseDates | null> {
    const latest = await this.cases.latestAssessment(caseId);
    return latest ? datesOf(latest) : null;
  }

  /** Every assessment version of the case, oldest first: what was proposed for which dates, and when. */
  async versions(caseId: string): Promise<AssessmentVersionSummary[]> {
    return this.cases.assessmentVersions(caseId);
  }

  /** Proposes the fine for the audit's dates; returns the stored version (reused or new). */
  async assess(firm: FirmProfile, audit: AuditOutcome, operator: string): Promise<PenaltyAssessmentEntity> {
    const facts = factsFromAudit(auditPenaltyInput(firm, audit));
    const a: PenaltyAssessment = this.calculator.assess(facts);
    const latest = await this.cases.latestAssessment(audit.caseId);
    if (
      latest &&
      sameDates(datesOf(latest), audit.dates) &&
      latest.rulebook === a.rulebook &&
      latest.rulebookVersion === a.version
    )
      return latest;
    const stored = await this.cases.addAssessmentVersion({
      caseId: audit.caseId,
      ...audit.dates,
      rulebook: a.rulebook,
      rulebookVersion: a.version,
      currency: a.currency,
      amount: a.amount,
      minAmount: a.min,
      maxAmount: a.max,
      tier: a.tier,
      facts: facts as unknown as Record<string, unknown>,
      trace: assessmentToJson(a) as unknown as Record<string, unknown>,
      assessedBy: operator,
    });
    await this.cases.setStatus(audit.caseId, 'assessed');
    await this.auditLog.append(operator, 'penalty.proposed', 'case', audit.caseId, {
      version: stored.version,
      ...audit.dates,
      rulebook: a.rulebook,
      rulebookVersion: a.version,
      amount: a.amount,
    });
    return stored;
  }

  /** The stored assessment in the shape `inspect --json` prints. */
  static report(a: PenaltyAssessmentEntity): PenaltyReport {
    const t = a.trace as unknown as ReturnType<typeof assessmentToJson>;
    return {
      assessmentVersion: a.version,
      rulebook: a.rulebook,
      version: a.rulebookVersion,
      currency: a.currency,
      amount: t.amount,
      min: t.min,
      max: t.max,
      tier: a.tier,
      steps: t.steps.map((s) => ({
        id: s.id,
        description: s.description,
        citation: s.citation,
        value: s.value,
      })),
      assumptions: t.assumptions,
    };
  }
}

function sameDates(a: CaseDates, b: CaseDates): boolean {
  return (
    a.decisionDate === b.decisionDate &&
    a.decisionDateFromClock === b.decisionDateFromClock &&
    a.discoveryDate === b.discoveryDate &&
    a.filingDate === b.filingDate
  );
}
