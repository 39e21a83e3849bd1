import { FINDING_REASONS, type FindingReason, type SiteRule } from '@app/common';
import type { AppConfig } from '@app/config';
import { reasonLabel, type ProcedureDocumentInput } from '@app/case-files';
import { appealArticles, chinaDate, legalBasisFor } from '@app/law';
import type { CaseRecord, Deadline, ProcedureDocumentKind, StepRecord } from '@app/procedure';
import type { ProcedureDocumentRow, ProcedureSnapshot } from '@app/persistence';

/** How each action is named in a document's timeline (Chinese, as the case file is read). */
export const ACTION_ZH: Readonly<Record<string, string>> = {
  file: '立案',
  assign: '指定办案人员',
  propose: '拟处罚意见',
  review: '法制审核',
  notify: '行政处罚告知',
  defend: '陈述申辩',
  'request-hearing': '申请听证',
  'schedule-hearing': '听证通知',
  'record-hearing': '举行听证',
  decide: '作出行政处罚决定',
  serve: '送达',
  publish: '公示',
  'record-payment': '缴纳罚款',
  close: '结案',
  'no-penalty': '不予行政处罚',
  withdraw: '撤销立案',
  transfer: '移送',
  extend: '延长办案期限',
};

/** The title of each document kind (for the service receipt's 送达文书). */
export const DOCUMENT_TITLE: Readonly<Record<ProcedureDocumentKind, { zh: string; en: string }>> = {
  'filing-approval': { zh: '立案审批表', en: 'Filing approval' },
  'penalty-notice': { zh: '行政处罚告知书', en: 'Notice of proposed administrative penalty' },
  'hearing-notice': { zh: '听证通知书', en: 'Hearing notice' },
  decision: { zh: '行政处罚决定书', en: 'Administrative penalty decision' },
  'no-penalty-decision': { zh: '不予行政处罚决定书', en: 'Decision not to impose a penalty' },
  'service-receipt': { zh: '送达回证', en: 'Proof of service' },
  'closing-report': { zh: '结案审批表', en: 'Closing report' },
  withdrawal: { zh: '撤销立案审批表', en: 'Withdrawal of filing' },
  transfer: { zh: '案件移送函', en: 'Transfer letter' },
};

/** Who approves the step a document records, by kind: the head, or the legal reviewer. */
const APPROVER_ROLE: Partial<Record<ProcedureDocumentKind, string>> = {
  'filing-approval': '负责人',
  'penalty-notice': '负责人',
  decision: '负责人',
  'no-penalty-decision': '负责人',
  'closing-report': '负责人',
  withdrawal: '负责人',
  transfer: '负责人',
};

/** The findings summary an inspection stores on its case (`inspect --json`'s findings). */
interface StoredFindings {
  capturesWithoutValidConsent?: number;
  capturesAudited?: number;
  affectedSubjects?: number;
  byReason?: Partial<Record<FindingReason, number>>;
  siteFindings?: { siteId: string; rule: string; period: string }[];
  byPeriod?: { period: string; byReason: Partial<Record<FindingReason, number>> }[];
  conduct?: { from: string | null; to: string | null };
}

/** Everything a document is assembled from: stored rows and what the step just decided. */
export interface DocumentContext {
  kind: ProcedureDocumentKind;
  /** The case as it was before the step. */
  snapshot: ProcedureSnapshot;
  /** The case record after the step (new state, the step appended, handlers replaced by an assign). */
  after: CaseRecord;
  step: StepRecord;
  docketNumber: string | null;
  documentNumber: string;
  /** Display names of the users the case mentions (actor ids → name); the id is printed when unknown. */
  names: ReadonlyMap<string, string>;
  authority: AppConfig['authority'];
  languages: readonly ('zh' | 'en')[];
  placeholder: boolean;
  evidence: ProcedureDocumentInput['evidence'];
  /** The case's deadlines after the step (the statement and hearing windows a notice states). */
  deadlines: readonly Deadline[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The latest step of an action (after this one), or null. */
function lastStep(record: CaseRecord, action: string): StepRecord | null {
  for (let i = record.steps.length - 1; i >= 0; i--)
    if (record.steps[i].action === action) return record.steps[i];
  return null;
}

/**
 * The input of a procedure document, from the case's stored rows only (findings summary, assessment, steps,
 * handlers) and the bureau's configuration: the renderer decides nothing legal. Facts and legal basis come from
 * the inspection's findings through the one legal table (@app/law); the rights of appeal from the versions of
 * the statutes in force on the issuing date.
 */
export function assembleProcedureDocument(ctx: DocumentContext): ProcedureDocumentInput {
  const c = ctx.snapshot.case;
  const name = (id: string) => ctx.names.get(id) ?? id;
  const input = ctx.step.input;
  const penaltyStep =
    ctx.kind === 'decision' ? ctx.step : (lastStep(ctx.after, 'decide') ?? lastStep(ctx.after, 'propose'));
  const amountMinor = penaltyStep ? num(penaltyStep.input.amountMinor) : null;
  const assessment = ctx.after.assessment;
  const hearingStep = lastStep(ctx.after, 'schedule-hearing');
  const serveStep = lastStep(ctx.after, 'serve');
  const decisionDoc = [...ctx.snapshot.documents]
    .reverse()
    .find((d: ProcedureDocumentRow) => d.kind === 'decision');
  // The day the party is told is the day it will still be heard: past the last holiday notice, the safe
  // bound the engine honours (acceptedUntil), never a provisional day that a later notice could move earlier.
  const due = (action: string) => {
    const d = ctx.deadlines.find((x) => x.metBy === action && x.status !== 'met');
    return d ? ((d.provisional ? d.acceptedUntil : undefined) ?? d.due) : null;
  };
  const appeal = appealArticles(ctx.step.date);
  const approverRole = APPROVER_ROLE[ctx.kind];
  return {
    kind: ctx.kind,
    languages: ctx.languages,
    authority: {
      nameZh: ctx.authority.name.zh,
      nameEn: ctx.languages.includes('en') ? ctx.authority.name.en : null,
      regionCode: ctx.authority.region.code,
      placeholder: ctx.placeholder,
    },
    caseNumber: c.caseNumber,
    docketNumber: ctx.docketNumber,
    documentNumber: ctx.documentNumber,
    issuedOn: ctx.step.date,
    firm: { name: c.firm.name, creditCode: c.firm.creditCode, address: c.partyAddress },
    handlers: ctx.after.handlers.map((h) => ({
      name: name(h.actorId),
      certificateNumber: h.certificateNumber,
    })),
    approver: approverRole ? { name: name(ctx.step.actorId), roleZh: approverRole } : null,
    facts: factsOf(ctx.snapshot),
    evidence: ctx.evidence,
    legalBasis: legalBasisOf(ctx.snapshot),
    penalty:
      amountMinor === null || ctx.kind === 'filing-approval'
        ? null
        : {
            amountMinor,
            currency: 'CNY',
            rangeMinMinor: assessment?.minMinor ?? null,
            rangeMaxMinor:
              assessment && assessment.maxMinor < Number.MAX_SAFE_INTEGER ? assessment.maxMinor : null,
            reasonZh: str(penaltyStep?.input.reason),
          },
    rights: {
      // The windows to state, defend and ask for a hearing are the notice's to announce; by a decision they have
      // passed (a decision after an unused window carried its past last day and was refused as "before issue").
      statementDue: ctx.kind === 'penalty-notice' ? due('defend') : null,
      hearingDue: ctx.kind === 'penalty-notice' ? due('request-hearing') : null,
      appeal:
        ctx.kind === 'decision' || ctx.kind === 'no-penalty-decision'
          ? [
              {
                routeZh: '行政复议',
                routeEn: 'Administrative reconsideration',
                days: 60,
                articleZh: appeal.reconsideration.label.zh,
                articleEn: appeal.reconsideration.label.en,
              },
              ...(appeal.litigation
                ? [
                    {
                      routeZh: '行政诉讼',
                      routeEn: 'Administrative litigation',
                      // Six months (ALL art. 46): printed in months; `days` is the renderer's fallback.
                      days: 180,
                      months: 6,
                      articleZh: appeal.litigation.label.zh,
                      articleEn: appeal.litigation.label.en,
                    },
                  ]
                : []),
            ]
          : [],
    },
    // The hearing is what a hearing notice announces; later documents list it in their timeline.
    hearing:
      hearingStep && ctx.kind === 'hearing-notice'
        ? {
            date: str(hearingStep.input.hearingDate) ?? hearingStep.date,
            time: str(hearingStep.input.time),
            place: str(hearingStep.input.place) ?? '',
            hostName: str(hearingStep.input.hostId) ? name(String(hearingStep.input.hostId)) : null,
          }
        : null,
    service: serveStep
      ? {
          method: str(serveStep.input.method) ?? '',
          servedOn: serveStep.date,
          recipient: str(serveStep.input.recipient) ?? '',
        }
      : null,
    timeline: ctx.after.steps.map((s) => ({
      date: s.date,
      actionZh: ACTION_ZH[s.action] ?? s.action,
      actor: name(s.actorId),
    })),
    servedDocument:
      ctx.kind === 'service-receipt' && decisionDoc
        ? {
            titleZh: DOCUMENT_TITLE.decision.zh,
            titleEn: DOCUMENT_TITLE.decision.en,
            documentNumber: decisionDoc.documentNumber,
          }
        : null,
    transferTo:
      ctx.kind === 'transfer' && str(input.recipientAuthority)
        ? { nameZh: String(input.recipientAuthority), nameEn: null }
        : null,
    reason: str(input.reason),
    note: str(input.note),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The facts as the inspection found them (or the clue's description when entered by hand). */
function factsOf(s: ProcedureSnapshot): ProcedureDocumentInput['facts'] {
  const c = s.case;
  if (c.source === 'hand') {
    return {
      summaryZh: c.description ?? '',
      summaryEn: null,
      captures: 0,
      persons: 0,
      firstCapture: null,
      lastCapture: null,
      byReason: [],
    };
  }
  const f = c.summary as StoredFindings;
  const captures = f.capturesWithoutValidConsent ?? 0;
  const persons = f.affectedSubjects ?? 0;
  return {
    summaryZh:
      `${c.firm.name}的人脸识别设备共采集人脸信息 ${fmt(f.capturesAudited ?? 0)} 次，其中 ${fmt(captures)} 次` +
      `不符合采集时有效的法律对同意的要求，涉及已识别人员 ${fmt(persons)} 人。`,
    summaryEn:
      `Face-recognition terminals of ${c.firm.name} captured ${fmt(f.capturesAudited ?? 0)} biometric events; ` +
      `${fmt(captures)} of them did not meet the consent requirements of the law in force when they were made, ` +
      `affecting ${fmt(persons)} identified persons.`,
    captures,
    persons,
    firstCapture: f.conduct?.from ?? null,
    lastCapture: f.conduct?.to ?? null,
    byReason: FINDING_REASONS.filter((r) => (f.byReason?.[r] ?? 0) > 0).map((r) => ({
      reasonZh: reasonLabel(r).zh,
      reasonEn: reasonLabel(r).en,
      count: f.byReason![r]!,
    })),
  };
}

/** The articles in force for each period's findings, from the one legal table. */
function legalBasisOf(s: ProcedureSnapshot): ProcedureDocumentInput['legalBasis'] {
  if (s.case.source === 'hand') return [];
  const f = s.case.summary as StoredFindings;
  let periods = (f.byPeriod ?? []).map((p) => ({
    period: p.period,
    reasons: [
      ...FINDING_REASONS.filter((r) => (p.byReason[r] ?? 0) > 0),
      ...(f.siteFindings ?? []).filter((x) => x.period === p.period).map((x) => x.rule as SiteRule),
    ],
  }));
  periods = periods.filter((p) => p.reasons.length > 0);
  const seen = new Set<string>();
  const out: { zh: string; en: string | null }[] = [];
  for (const b of legalBasisFor(periods)) {
    for (const a of b.articles) {
      if (seen.has(a.label.zh)) continue;
      seen.add(a.label.zh);
      out.push({ zh: a.label.zh, en: a.label.en });
    }
  }
  return out;
}

/** The last day of the conduct an inspection found (Beijing), for the limitation period; null when none. */
export function conductEndOf(summary: Record<string, unknown>): string | null {
  const to = (summary as StoredFindings).conduct?.to;
  return to ? chinaDate(Date.parse(to)) : null;
}
