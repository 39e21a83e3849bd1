import { Injectable } from '@nestjs/common';
import { formatDate, type FirmProfile } from '@app/common';
import {
  FineCalculator,
  assessmentToJson,
  type PenaltyAssessment,
  type PenaltyFacts,
  type Infringement,
} from '@app/penalties';
import { AuditLogRepository, CaseRepository, type PenaltyAssessmentEntity } from '@app/persistence';
import type { AuditOutcome } from './audit.service';
import type { PenaltyReport } from './inspection.types';

/**
 * Turns an audit's findings into the facts document the rulebooks read, and stores the proposed fine with
 * its whole trace. Facts an audit cannot know (turnover, illegal gains, cooperation, intent) are left
 * unknown (`null`), so the calculator states what it assumed instead of the audit guessing silently.
 */
@Injectable()
export class AssessmentService {
  private readonly calculator = new FineCalculator();

  constructor(
    private readonly cases: CaseRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  /** The facts document an audit yields for a firm (China first: the firm's regulator is a Chinese AMR). */
  factsOf(firm: FirmProfile, audit: AuditOutcome): PenaltyFacts {
    const f = audit.findings;
    const infringements = new Set<Infringement>();
    for (const [reason, n] of Object.entries(f.byReason))
      if (n > 0) infringements.add(reason as Infringement);
    for (const s of f.siteFindings) infringements.add(s.rule as Infringement);
    const day = (iso: string | null) =>
      iso ? formatDate(Date.parse(iso), firm.timezone) : audit.decisionDate;
    return {
      jurisdiction: 'CN',
      rulebook: null,
      decisionDate: audit.decisionDate,
      conduct: { from: day(f.conduct.from), to: day(f.conduct.to), continuing: null },
      firm: { name: firm.name, annualTurnover: null, turnoverWithheld: null },
      affectedPersons: f.affectedSubjects,
      captureEvents: f.capturesWithoutValidConsent,
      minorsAffected: f.minorsAffected,
      illegalGains: null,
      infringements: [...infringements].sort(),
      circumstances: {
        firstViolation: null,
        correctedPromptly: null,
        cooperated: null,
        refusedCorrection: null,
        intentional: null,
        priorViolations: null,
        selfReported: null,
        obstructed: null,
      },
      seriousness: null,
    };
  }

  /** Proposes and stores the fine for an audited case (once per rulebook version); returns the stored one. */
  async assess(firm: FirmProfile, audit: AuditOutcome, operator: string): Promise<PenaltyAssessmentEntity> {
    const existing = await this.cases.latestAssessment(audit.caseId);
    if (existing) return existing;
    const facts = this.factsOf(firm, audit);
    const a: PenaltyAssessment = this.calculator.assess(facts);
    const stored = await this.cases.saveAssessment({
      caseId: audit.caseId,
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
      rulebook: a.rulebook,
      version: a.version,
      amount: a.amount,
    });
    return stored;
  }

  /** The stored assessment in the shape `inspect --json` prints. */
  static report(a: PenaltyAssessmentEntity): PenaltyReport {
    const t = a.trace as unknown as ReturnType<typeof assessmentToJson>;
    return {
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
