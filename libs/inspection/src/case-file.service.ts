import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  FINDING_REASONS,
  formatInstant,
  parseInstant,
  type BilingualText,
  type CapturePurpose,
  type FindingReason,
  type FirmProfile,
  type SiteRule,
} from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { loadKeyring, sealFile } from '@app/crypto';
import {
  CaseFileRenderer,
  reasonLabel,
  type CaseFileDecision,
  type CaseFileInput,
  type CaseFilePenalty,
  type CaseFilePeriodFacts,
} from '@app/case-files';
import { chinaDate, lawPeriod, lawPeriodOf, legalBasisFor, requirementFor } from '@app/law';
import type { AssessmentJson } from '@app/penalties';
import {
  AuditLogRepository,
  CustodyChainRepository,
  CaseRepository,
  IngestBatchRepository,
  type CaseFileEntity,
  type PenaltyAssessmentEntity,
} from '@app/persistence';
import type { AuditOutcome } from './audit.service';
import { signedAnchorOf } from './custody-anchor';
import { signingKeyOf } from './verify.service';
import type { CaseDates, FindingsReport } from './inspection.types';

const iso = (d: Date | null): string => (d ? d.toISOString() : '');
const L = (zh: string, en: string): BilingualText => ({ zh, en });
const n = (x: number) => x.toLocaleString('en-US');
/** Trace values that are words: printed in Chinese. */
const YES_NO = new Map([
  ['true', '是'],
  ['false', '否'],
]);

/**
 * Assembles a case file from stored records only (findings, affected persons and quarantined records streamed
 * page by page), renders it, and keeps it content-addressed under BIOAUDIT_HOME with its SHA-256 in the case
 * register. The dates are the case's (the assessment's), never the clock; the authority and officers come from
 * configuration, and while they are placeholders the file is a draft.
 */
@Injectable()
export class CaseFileService {
  private readonly renderer = new CaseFileRenderer();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseRepository,
    private readonly batches: IngestBatchRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly custody: CustodyChainRepository,
  ) {}

  async inputFor(firm: FirmProfile, audit: AuditOutcome): Promise<CaseFileInput> {
    const c = (await this.cases.findById(audit.caseId))!;
    const assessment = (await this.cases.latestAssessment(audit.caseId))!;
    // The chain entry of the assessment this file states: fixed for that assessment, so re-rendering is identical.
    const anchored = await this.custody.firstEntryOf('penalty_assessment', assessment.id);
    const batchIds = await this.cases.evidenceBatchIds(audit.caseId);
    const evidence = await this.batches.byIds(batchIds);
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
    const dates = datesOf(assessment, audit.dates);
    const dayStart = formatInstant(parseInstant(dates.decisionDate, firm.timezone)!, firm.timezone);
    const decision = caseFileDecisionOf(trace);
    const cases = this.cases;
    const batches = this.batches;
    return {
      caseNumber: c.caseNumber,
      languages: this.config.caseFile.languages,
      draftReasons: this.draftReasons(dates, decision),
      authority: {
        name: this.config.authority.name,
        region: {
          code: this.config.authority.region.code,
          name: { zh: this.config.authority.region.zh, en: this.config.authority.region.en },
        },
        ...(this.config.authority.address ? { address: this.config.authority.address } : {}),
        officers: {
          handling: [...this.config.authority.officers.handling],
          legalReviewer: this.config.authority.officers.legalReviewer,
          head: this.config.authority.officers.head,
        },
      },
      firm,
      dates: {
        discoveryDate: dates.discoveryDate,
        filingDate: dates.filingDate,
        decisionDate: dates.decisionDate,
      },
      inspectionPeriod: { from: f.conduct.from ?? dayStart, to: f.conduct.to ?? dayStart },
      facts: {
        summary: L(
          `${firm.name}的人脸识别设备共采集人脸信息 ${n(f.capturesAudited)} 次，其中 ${n(f.capturesWithoutValidConsent)} 次` +
            `不符合采集时有效的法律对同意的要求，涉及已识别人员 ${n(f.affectedSubjects)} 人，未识别身份的采集 ${n(f.unidentifiedCaptures)} 次。` +
            '各期间的事实按行为时的法律分述如下。',
          `Face-recognition terminals of ${firm.name} captured ${n(f.capturesAudited)} biometric events; ` +
            `${n(f.capturesWithoutValidConsent)} of them did not meet the consent requirements of the law in force when ` +
            `they were made, affecting ${n(f.affectedSubjects)} identified persons and ${n(f.unidentifiedCaptures)} ` +
            'unidentified captures. The facts of each period follow, under the law in force at the time.',
        ),
        capturesAudited: f.capturesAudited,
        capturesWithoutValidConsent: f.capturesWithoutValidConsent,
        affectedSubjects: f.affectedSubjects,
        unidentifiedCaptures: f.unidentifiedCaptures,
        periods: periodFacts(f),
      },
      legalBasis: legalBasisOf(f),
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
        conflicts: b.conflictCount,
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
        rule: s.rule as SiteRule,
      })),
      decision,
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
              consentRefs: r.consentRefs,
              firstCapture: r.firstCapture,
              lastCapture: r.lastCapture,
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
      quarantined: async function* () {
        for await (const page of batches.quarantined(batchIds)) yield* page;
      },
      ...(anchored ? this.signedAnchor(anchored) : {}),
      machineReadable: {
        assessment: {
          version: assessment.version,
          rulebook: assessment.rulebook,
          rulebookVersion: assessment.rulebookVersion,
          facts: assessment.facts,
          trace: assessment.trace,
        },
      },
    };
  }

  /**
   * The signed anchor of the stated assessment's chain entry and the signing key's fingerprint. Ed25519 signs
   * alike every time, so re-rendering with the same key stays byte-identical.
   */
  private signedAnchor(entry: {
    seq: string;
    rowHash: string;
  }): Pick<CaseFileInput, 'chainAnchor' | 'chainAnchorKey'> {
    const key = signingKeyOf(this.config);
    return { chainAnchor: signedAnchorOf(entry, key), chainAnchorKey: key.fingerprint };
  }

  /** Why the file cannot be signed yet: configuration placeholders, dates not stated, text not in Chinese. */
  private draftReasons(dates: CaseDates, decision: CaseFileDecision): BilingualText[] {
    const out: BilingualText[] = [];
    if (this.config.caseFile.draft) {
      out.push(
        L(
          '执法机关、所在地区或执法人员尚未配置，仍为默认值。',
          `The authority, its region or the officers are not configured (${this.config.authority.unset.join(', ')}).`,
        ),
      );
    }
    if (!dates.discoveryDate) out.push(L('发现时间未记录。', 'The discovery date is not recorded.'));
    if (!dates.filingDate) out.push(L('立案日期未记录。', 'The filing date is not recorded.'));
    if (dates.decisionDateFromClock) {
      out.push(
        L(
          '决定日期取自计算机时钟，未经执法人员确定。',
          "The decision date is the machine's date, not stated by an officer.",
        ),
      );
    }
    const steps = decision.penalty?.steps ?? [];
    if (steps.some((s) => s.description.zh === s.description.en)) {
      out.push(L('计算过程有未译成中文的步骤。', 'Some calculation steps have no Chinese text.'));
    }
    return out;
  }

  /**
   * Renders the case file and keeps it sealed at rest (`<caseFilesDir>/<case>/<case>-<sha12>.pdf.sealed`,
   * AES-256-GCM, the format of `@app/crypto`; read back with `EvidenceStore.sha256Of`/`openSealed`) with the
   * SHA-256 of the PDF itself in the case register. The plain PDF exists only in the case's private folder
   * while it is rendered, and as the copy in `outDir` (the document handed out), when given. Without
   * `outDir`, `path` is the sealed file.
   */
  async render(
    firm: FirmProfile,
    audit: AuditOutcome,
    operator: string,
    outDir?: string,
  ): Promise<{ path: string; sha256: string; pages: number; stored: CaseFileEntity }> {
    await mkdir(this.config.caseFilesDir, { recursive: true, mode: 0o700 });
    await chmod(this.config.caseFilesDir, 0o700);
    const dir = path.join(this.config.caseFilesDir, audit.caseNumber);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const tmp = path.join(dir, `.rendering-${process.pid}.pdf`);
    try {
      const result = await this.renderer.render(await this.inputFor(firm, audit), tmp);
      await chmod(tmp, 0o600);
      const kept = path.join(dir, `${audit.caseNumber}-${result.sha256.slice(0, 12)}.pdf.sealed`);
      const sealing = `${kept}.${process.pid}.tmp`;
      await rm(sealing, { force: true });
      const sealed = await sealFile(tmp, sealing, loadKeyring(this.config.keys));
      if (sealed.sha256 !== result.sha256) {
        await rm(sealing, { force: true });
        throw new Error(`the rendered case file ${tmp} changed while it was sealed`);
      }
      await chmod(sealing, 0o400);
      await rm(kept, { force: true });
      await rename(sealing, kept);
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
        await copyFile(tmp, out);
      }
      return { path: out, sha256: result.sha256, pages: result.pages, stored };
    } finally {
      await rm(tmp, { force: true });
    }
  }
}

/** The case's dates as the rendered assessment was computed for them; the audit's when an old row lacks them. */
function datesOf(a: PenaltyAssessmentEntity, fallback: CaseDates): CaseDates {
  return a.decisionDate
    ? {
        discoveryDate: a.discoveryDate,
        filingDate: a.filingDate,
        decisionDate: a.decisionDate,
        decisionDateFromClock: a.decisionDateFromClock,
      }
    : fallback;
}

/**
 * The audit's split by law period. A case audited before the split existed has none stored: its findings
 * are then taken as one period, the one in force when the conduct began.
 */
function periodsOf(f: FindingsReport): FindingsReport['byPeriod'] {
  if (f.byPeriod?.length) return f.byPeriod;
  if (!f.conduct.from || !f.conduct.to || f.capturesWithoutValidConsent === 0) return [];
  return [
    {
      period: lawPeriodOf(chinaDate(Date.parse(f.conduct.from))).id,
      from: f.conduct.from,
      to: f.conduct.to,
      capturesWithoutValidConsent: f.capturesWithoutValidConsent,
      affectedSubjects: f.affectedSubjects,
      byReason: f.byReason,
    },
  ];
}

/** Per law period with findings: what was found, worded for that period's law, and the rule that judged it. */
function periodFacts(f: FindingsReport): CaseFilePeriodFacts[] {
  return periodsOf(f).map((p) => {
    const period = lawPeriod(p.period);
    // The law's calendar is China time: an ISO instant's UTC date can be the day before.
    const day = chinaDate(Date.parse(p.from));
    // In the canonical order of reasons: the summary is read back from jsonb, which reorders keys.
    const found = FINDING_REASONS.filter((r) => (p.byReason[r] ?? 0) > 0).map(
      (r) => [r, p.byReason[r]!] as const,
    );
    const requirements = new Map<string, BilingualText>();
    const articles = new Map<string, BilingualText>();
    const breaches: BilingualText[] = [];
    for (const [reason, count] of found) {
      const req = requirementFor(reason, day);
      if (req) {
        requirements.set(req.requirement.zh, req.requirement);
        for (const a of req.articles) articles.set(a.label.zh, a.label);
        breaches.push(L(`${req.breach.zh} ${n(count)} 次`, `${req.breach.en}: ${n(count)}`));
      } else {
        const label = reasonLabel(reason);
        breaches.push(L(`${label.zh} ${n(count)} 次`, `${label.en}: ${n(count)}`));
      }
    }
    const rules = [...requirements.values()];
    const cited = [...articles.values()];
    const rule = L(
      `${rules.map((r) => r.zh).join('；')}（${cited.map((a) => a.zh).join('、')}）`,
      `${rules.map((r) => r.en).join('; ')} (${cited.map((a) => a.en).join('; ')})`,
    );
    return {
      label: period.label,
      from: p.from,
      to: p.to,
      capturesWithoutValidConsent: p.capturesWithoutValidConsent,
      affectedSubjects: p.affectedSubjects,
      byReason: Object.fromEntries(found),
      rule,
      summary: L(
        `该期间内，当事人的人脸识别设备有 ${n(p.capturesWithoutValidConsent)} 次采集不符合当时有效的上述规定，` +
          `涉及已识别人员 ${n(p.affectedSubjects)} 人。其中：${breaches.map((b) => b.zh).join('；')}。`,
        `In this period ${n(p.capturesWithoutValidConsent)} captures did not meet the rules then in force, affecting ` +
          `${n(p.affectedSubjects)} identified persons: ${breaches.map((b) => b.en).join('; ')}.`,
      ),
    };
  });
}

/** The articles in force for each period's conduct (from the one legal table, @app/law). */
function legalBasisOf(f: FindingsReport): CaseFileInput['legalBasis'] {
  const periods = periodsOf(f).map((p) => ({
    period: p.period,
    reasons: [
      ...FINDING_REASONS.filter((r) => (p.byReason[r] ?? 0) > 0),
      ...f.siteFindings.filter((s) => s.period === p.period).map((s) => s.rule as SiteRule),
    ],
  }));
  return legalBasisFor(periods).map((b) => ({
    period: b.period.label,
    articles: b.articles.map((a) => ({ label: a.label, text: a.text })),
  }));
}

/**
 * The decision from the stored assessment: a fine with its bilingual trace, or no penalty with its reason.
 * Rows stored before the bilingual fields existed fall back to the English text (and the file says so).
 */
export function caseFileDecisionOf(t: AssessmentJson): CaseFileDecision {
  const both = (text: string): BilingualText => ({ zh: text, en: text });
  const outcome = t.outcome ?? 'fine';
  const step = (suffix: string) => t.steps.find((s) => s.id === suffix || s.id.endsWith(`.${suffix}`));
  const limitation = t.limitation ?? null;
  const base = {
    limitation,
    lawApplied: t.lawApplied?.text ?? null,
    measures: t.measuresText ?? t.measures.map(both),
  };
  if (outcome === 'time-barred' || outcome === 'no-penalty') {
    const s = outcome === 'time-barred' ? step('apl.limitation') : step('apl.no-penalty');
    const reason = s?.zh
      ? L(`${s.zh.description}（${s.zh.citation}）。`, `${s.description} (${s.citation}).`)
      : outcome === 'time-barred'
        ? L('违法行为超过追责时效，不再给予行政处罚。', 'The limitation period has expired: no penalty.')
        : L('依法不予行政处罚。', 'No penalty is imposed, as the law allows.');
    return { outcome, reason, ...base, penalty: null };
  }
  const penalty: CaseFilePenalty = {
    rulebook: {
      id: t.decidingRulebook ?? t.rulebook,
      version: t.version,
      title: t.rulebookTitle ?? both(t.rulebook),
    },
    currency: t.currency,
    amount: t.amount,
    min: t.min,
    max: t.max,
    tier: { id: t.tier, label: t.tierLabel ?? both(t.tier) },
    steps: t.steps.map((s) => ({
      id: s.id,
      description: { zh: s.zh?.description ?? s.description, en: s.description },
      citation: { zh: s.zh?.citation ?? s.citation, en: s.citation },
      value: s.zh?.value ?? YES_NO.get(s.value) ?? s.value,
    })),
    assumptions: t.assumptionsText ?? t.assumptions.map(both),
    precedents: (t.precedents ?? []).map((c) => ({
      id: c.id,
      authority: c.authorityText ?? both(c.authority),
      decisionDate: c.decisionDate,
      defendant: c.defendantText ?? both(c.defendant),
      amount: c.amount,
      currency: c.currency,
      versus: c.proposalVersusPrecedent,
      publication: c.publication ?? `${c.authority}, ${c.decisionDate}`,
      comparable: c.comparable ?? true,
      apartReason: c.apartReason ?? null,
    })),
    precedentPosition: t.precedentPositionText ?? null,
  };
  return { outcome: 'fine', reason: null, ...base, penalty };
}
