import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainError, FINDING_REASONS, type FindingReason } from '@app/common';
import { ConsentIndex, FindingAccumulator, resolvePurpose, siteFindings } from '@app/detection';
import { consentLawSchedule } from '@app/law';
import {
  AuditLogRepository,
  AuditRepository,
  CaseRepository,
  IngestBatchRepository,
  RegistryRepository,
  type CaseEntity,
  type FindingToStore,
} from '@app/persistence';
import type { CaseDates, FindingsReport } from './inspection.types';

export interface AuditOutcome {
  caseId: string;
  caseNumber: string;
  decisionDate: string;
  /**
   * The dates the case is assessed for. The audit knows only the decision date it was asked for;
   * InspectionService resolves the rest (stated, else the latest assessment's, else today flagged).
   */
  dates: CaseDates;
  findings: FindingsReport;
  /** True when the same evidence had already been audited and the stored case was returned. */
  reused: boolean;
}

const decisionOnly = (decisionDate: string): CaseDates => ({
  discoveryDate: null,
  filingDate: null,
  decisionDate,
  decisionDateFromClock: false,
});

/**
 * Audits a firm's stored evidence against the consent-coverage rule and opens a case with the findings.
 * The case rests on every completed batch of the firm and reads nothing else; a firm with a failed or
 * unfinished batch is refused until it is re-ingested or discarded. The same evidence always yields the
 * same case.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly batches: IngestBatchRepository,
    private readonly evidence: AuditRepository,
    private readonly cases: CaseRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  async auditFirm(
    creditCode: string,
    options: { decisionDate: string; operator: string },
  ): Promise<AuditOutcome> {
    const firm = await this.registry.findFirm(creditCode);
    if (!firm)
      throw new DomainError(
        'AUDIT.FIRM_NOT_FOUND',
        `No firm with credit code ${creditCode} has been ingested`,
        { creditCode },
      );
    // Only completed batches are evidence; a failed or unfinished one would make the audit silently partial.
    const unfinished = await this.batches.unfinishedOf(firm.id);
    const failed = unfinished.filter((b) => b.status === 'failed');
    if (failed.length > 0) {
      const first = failed[0];
      throw new DomainError(
        'AUDIT.FAILED_EVIDENCE',
        `Firm ${creditCode} has ${failed.length} failed batch(es), first ${first.id} ${first.fileName} (${first.code}: ${first.message}); re-ingest the files or discard the batches (bioaudit ingest failed --firm ${creditCode})`,
        { creditCode, batches: failed.map((b) => ({ id: b.id, fileName: b.fileName, code: b.code })) },
      );
    }
    if (unfinished.length > 0) {
      const first = unfinished[0];
      throw new DomainError(
        'AUDIT.INCOMPLETE_EVIDENCE',
        `Firm ${creditCode} has ${unfinished.length} batch(es) still receiving, first ${first.id} ${first.fileName}; wait for the ingest, re-run it, or discard them`,
        { creditCode, batches: unfinished.map((b) => ({ id: b.id, fileName: b.fileName })) },
      );
    }
    const batches = await this.batches.completedOf(firm.id);
    if (!batches.some((b) => b.kind === 'captures')) {
      throw new DomainError('AUDIT.NO_EVIDENCE', `Firm ${creditCode} has no ingested captures to audit`, {
        creditCode,
      });
    }
    if (!batches.some((b) => b.kind === 'consents')) {
      throw new DomainError(
        'AUDIT.NO_EVIDENCE',
        `Firm ${creditCode} has no ingested consents file to audit against`,
        {
          creditCode,
        },
      );
    }
    const evidenceIds = batches
      .filter((b) => b.kind === 'captures' || b.kind === 'consents')
      .map((b) => b.id);
    const digest = createHash('sha256')
      .update(
        batches
          .map((b) => `${b.kind}:${b.sha256}`)
          .sort()
          .join('\n'),
      )
      .digest('hex');
    const caseNumber = `BA-${creditCode}-${digest.slice(0, 10).toUpperCase()}`;
    const existing = await this.cases.findByNumber(caseNumber);
    if (existing) {
      await this.auditLog.append(options.operator, 'case.viewed', 'case', existing.id, { caseNumber });
      return this.outcomeOf(existing, true);
    }

    const registered = await this.registry.devicesOf(firm.id);
    // One table of the law in time, read by detection, the rulebooks and the case file alike.
    const law = consentLawSchedule();
    const index = new ConsentIndex(await this.evidence.consents(firm.id, evidenceIds), firm.timezone, law);
    const acc = new FindingAccumulator();
    const devicesWithCaptures = new Map<string, { firstAt: number; lastAt: number }>();
    let minors = false;
    for await (const page of this.evidence.captures(firm.id, evidenceIds)) {
      for (const c of page) {
        const capture = {
          id: c.id,
          deviceId: c.deviceId,
          subjectRef: c.subjectRef,
          occurredAt: c.occurredAt,
          // One path: the tested core resolves the purpose (own, else the device's declared one).
          purpose: resolvePurpose(c.ownPurpose, registered.get(c.deviceId)?.profile),
        };
        const verdict = index.evaluate(capture);
        acc.add(capture, verdict);
        const span = devicesWithCaptures.get(c.deviceId);
        if (span === undefined) {
          devicesWithCaptures.set(c.deviceId, { firstAt: c.occurredAt, lastAt: c.occurredAt });
        } else {
          if (c.occurredAt < span.firstAt) span.firstAt = c.occurredAt;
          if (c.occurredAt > span.lastAt) span.lastAt = c.occurredAt;
        }
        if (!verdict.covered && verdict.reason === 'MINOR_WITHOUT_GUARDIAN_CONSENT') minors = true;
      }
    }
    const summary = acc.summary();
    const groups = acc.findings();
    const sites = siteFindings(
      [...registered.values()].map((d) => d.profile),
      devicesWithCaptures,
      law,
    );
    let from = Infinity;
    let to = -Infinity;
    const rows: FindingToStore[] = groups.map((g) => {
      from = Math.min(from, g.firstAt);
      to = Math.max(to, g.lastAt);
      const device = registered.get(g.deviceId)!;
      return {
        kind: 'capture',
        reason: g.reason,
        subjectRef: g.subjectRef,
        deviceDbId: device.dbId,
        siteDbId: device.siteDbId,
        purpose: g.purpose,
        captureCount: g.captureCount,
        firstAt: g.firstAt,
        lastAt: g.lastAt,
        captureIds: g.captureIds,
        consentIds: g.consentIds,
      };
    });
    const siteDbIds = new Map([...registered.values()].map((d) => [d.profile.siteId, d.siteDbId]));
    for (const s of sites) {
      rows.push({
        kind: 'site',
        reason: s.rule,
        subjectRef: null,
        deviceDbId: null,
        siteDbId: siteDbIds.get(s.siteId)!,
        purpose: null,
        captureCount: 0,
        firstAt: null,
        lastAt: null,
        captureIds: [],
        consentIds: [],
      });
    }
    const byReason = Object.fromEntries(FINDING_REASONS.map((r) => [r, summary.byReason[r]])) as Record<
      FindingReason,
      number
    >;
    const findings: FindingsReport = {
      capturesAudited: summary.capturesAudited,
      capturesWithoutValidConsent: summary.capturesWithoutValidConsent,
      byReason,
      affectedSubjects: summary.affectedSubjects,
      unidentifiedCaptures: summary.unidentifiedCaptures,
      siteFindings: sites.map((s) => ({ siteId: s.siteId, rule: s.rule, period: s.period })),
      byPeriod: summary.byPeriod.map((p) => ({
        period: p.period,
        from: new Date(p.firstAt).toISOString(),
        to: new Date(p.lastAt).toISOString(),
        capturesWithoutValidConsent: p.capturesWithoutValidConsent,
        affectedSubjects: p.affectedSubjects,
        byReason: p.byReason,
      })),
      conduct: {
        from: Number.isFinite(from) ? new Date(from).toISOString() : null,
        to: Number.isFinite(to) ? new Date(to).toISOString() : null,
      },
      minorsAffected: minors,
    };
    const caseId = await this.cases.create(
      {
        caseNumber,
        firmId: firm.id,
        evidenceDigest: digest,
        decisionDate: options.decisionDate,
        summary: findings as unknown as Record<string, unknown>,
        openedBy: options.operator,
        openedAt: this.clock.now(),
        batchIds: batches.map((b) => b.id),
      },
      rows,
    );
    await this.auditLog.append(options.operator, 'case.opened', 'case', caseId, {
      caseNumber,
      findings: rows.length,
    });
    return {
      caseId,
      caseNumber,
      decisionDate: options.decisionDate,
      dates: decisionOnly(options.decisionDate),
      findings,
      reused: false,
    };
  }

  private outcomeOf(c: CaseEntity, reused: boolean): AuditOutcome {
    return {
      caseId: c.id,
      caseNumber: c.caseNumber,
      decisionDate: c.decisionDate,
      dates: decisionOnly(c.decisionDate),
      findings: c.summary as unknown as FindingsReport,
      reused,
    };
  }
}
