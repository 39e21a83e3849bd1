import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  FINDING_REASONS,
  formatInstant,
  parseInstant,
  type CapturePurpose,
  type FindingReason,
  type FirmProfile,
} from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CaseFileRenderer, type CaseFileInput } from '@app/case-files';
import type { AssessmentJson } from '@app/penalties';
import {
  AuditLogRepository,
  CaseRepository,
  IngestBatchRepository,
  type CaseFileEntity,
} from '@app/persistence';
import { AssessmentService } from './assessment.service';
import type { AuditOutcome } from './audit.service';
import { legalBasisFor } from './legal-basis';

const iso = (d: Date | null): string => (d ? d.toISOString() : '');

/**
 * Assembles a case file from stored records only (findings and affected persons streamed page by page),
 * renders it, and keeps it content-addressed under BIOAUDIT_HOME with its SHA-256 in the case register.
 */
@Injectable()
export class CaseFileService {
  private readonly renderer = new CaseFileRenderer();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseRepository,
    private readonly batches: IngestBatchRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async inputFor(firm: FirmProfile, audit: AuditOutcome): Promise<CaseFileInput> {
    const c = (await this.cases.findById(audit.caseId))!;
    const assessment = (await this.cases.latestAssessment(audit.caseId))!;
    const evidence = await this.batches.byIds(await this.cases.evidenceBatchIds(audit.caseId));
    const bySite = await this.cases.findingsBySite(audit.caseId);
    const f = audit.findings;
    const subjectsByReason = new Map<string, number>();
    const sites = new Map<
      string,
      { siteId: string; siteName: string; byReason: Partial<Record<FindingReason, number>> }
    >();
    for (const r of bySite) {
      subjectsByReason.set(r.reason, (subjectsByReason.get(r.reason) ?? 0) + r.subjects);
      const s = sites.get(r.siteCode) ?? { siteId: r.siteCode, siteName: r.siteName, byReason: {} };
      s.byReason[r.reason as FindingReason] = r.captures;
      sites.set(r.siteCode, s);
    }
    const siteNames = new Map(bySite.map((r) => [r.siteCode, r.siteName]));
    const reasons = FINDING_REASONS.filter((r) => f.byReason[r] > 0);
    const trace = assessment.trace as unknown as AssessmentJson;
    const penalty = {
      ...AssessmentService.report(assessment),
      precedents: trace.precedents.slice(0, 5).map((c) => ({
        authority: c.authority,
        decisionDate: c.decisionDate,
        defendant: c.defendant,
        amount: c.amount,
        currency: c.currency,
        versus: c.proposalVersusPrecedent,
      })),
      precedentPosition: trace.precedentPosition,
    };
    const dayStart = formatInstant(parseInstant(audit.decisionDate, firm.timezone)!, firm.timezone);
    // Issued on the decision date, but never before the case was opened in bioaudit.
    const issuedAt =
      Date.parse(dayStart) < c.openedAt.getTime()
        ? formatInstant(c.openedAt.getTime(), firm.timezone)
        : dayStart;
    const cases = this.cases;
    return {
      caseNumber: c.caseNumber,
      authority: { name: this.config.authority.name, nameZh: this.config.authority.nameZh },
      firm,
      openedAt: c.openedAt.toISOString(),
      issuedAt,
      inspectionPeriod: { from: f.conduct.from ?? dayStart, to: f.conduct.to ?? dayStart },
      facts: {
        summary: `Face-recognition terminals of ${firm.name} captured ${f.capturesAudited.toLocaleString('en-US')} biometric events; ${f.capturesWithoutValidConsent.toLocaleString('en-US')} of them lacked a valid, separate consent, affecting ${f.affectedSubjects.toLocaleString('en-US')} identified persons and ${f.unidentifiedCaptures.toLocaleString('en-US')} unidentified captures.`,
        summaryZh: `${firm.name}的人脸识别设备共采集人脸信息${f.capturesAudited}次，其中${f.capturesWithoutValidConsent}次未取得有效的单独同意，涉及已识别人员${f.affectedSubjects}人，未识别的采集${f.unidentifiedCaptures}次。`,
        capturesAudited: f.capturesAudited,
        capturesWithoutValidConsent: f.capturesWithoutValidConsent,
        affectedSubjects: f.affectedSubjects,
        unidentifiedCaptures: f.unidentifiedCaptures,
      },
      legalBasis: legalBasisFor(
        reasons,
        f.siteFindings.map((s) => s.rule),
      ),
      evidence: evidence.map((b) => ({
        fileName: b.fileName,
        kind: b.kind,
        format: b.format,
        size: Number(b.fileSize),
        sha256: b.sha256,
        read: b.readCount,
        accepted: b.acceptedCount,
        duplicates: b.duplicateCount,
        rejected: b.rejectedCount,
        receivedAt: b.receivedAt.toISOString(),
        submittedBy: b.submittedBy,
      })),
      findingsByReason: reasons.map((r) => ({
        reason: r,
        captures: f.byReason[r],
        subjects: subjectsByReason.get(r) ?? 0,
      })),
      findingsBySite: [...sites.values()],
      siteFindings: f.siteFindings.map((s) => ({
        siteId: s.siteId,
        siteName: siteNames.get(s.siteId) ?? s.siteId,
        rule: 'FACE_ONLY_ACCESS' as const,
      })),
      penalty,
      findings: async function* () {
        for await (const page of cases.findings(audit.caseId)) {
          for (const r of page) {
            if (r.kind !== 'capture') continue;
            yield {
              reason: r.reason as FindingReason,
              subjectRef: r.subjectRef,
              deviceId: r.deviceCode ?? '',
              siteId: r.siteCode,
              purpose: (r.purpose ?? 'unspecified') as CapturePurpose,
              captureCount: r.captureCount,
              firstAt: iso(r.firstAt),
              lastAt: iso(r.lastAt),
              consentIds: r.consentIds.map(String),
            };
          }
        }
      },
      affectedPersons: async function* () {
        for await (const page of cases.affectedPersons(audit.caseId)) {
          for (const p of page) {
            yield {
              subjectRef: p.subjectRef,
              captures: p.captures,
              firstAt: iso(p.firstAt),
              lastAt: iso(p.lastAt),
              reasons: p.reasons as FindingReason[],
            };
          }
        }
      },
    };
  }

  /** Renders (or finds) the case file; copies it to `outDir` when given. */
  async render(
    firm: FirmProfile,
    audit: AuditOutcome,
    operator: string,
    outDir?: string,
  ): Promise<{ path: string; sha256: string; pages: number; stored: CaseFileEntity }> {
    const dir = path.join(this.config.caseFilesDir, audit.caseNumber);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.rendering-${process.pid}.pdf`);
    const result = await this.renderer.render(await this.inputFor(firm, audit), tmp);
    const kept = path.join(dir, `${audit.caseNumber}-${result.sha256.slice(0, 12)}.pdf`);
    await rm(kept, { force: true });
    await rename(tmp, kept);
    await chmod(kept, 0o444);
    const stored = await this.cases.saveCaseFile({
      caseId: audit.caseId,
      sha256: result.sha256,
      pages: result.pages,
      bytes: result.bytes,
      storagePath: kept,
      renderedBy: operator,
    });
    await this.cases.setStatus(audit.caseId, 'rendered');
    await this.auditLog.append(operator, 'case-file.rendered', 'case', audit.caseId, {
      sha256: result.sha256,
      pages: result.pages,
    });
    let out = kept;
    if (outDir) {
      await mkdir(outDir, { recursive: true });
      out = path.join(outDir, `${audit.caseNumber}.pdf`);
      await rm(out, { force: true });
      await copyFile(kept, out);
    }
    return { path: out, sha256: result.sha256, pages: result.pages, stored };
  }
}
