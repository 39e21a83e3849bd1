import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { scopeOf, type Principal } from '@app/auth';
import { availableActions, caseDeadlines, checkActionAvailable, procedureDefinition } from '@app/procedure';
import { CaseProcedureRepository, type CaseListRow, type ProcedureSnapshot } from '@app/persistence';
import { CaseActorDirectory } from './case-actor-directory';
import { CaseDocumentStore } from './case-document-store';
import { caseRecordOf } from './case-record';
import { withCountdown, type DeadlineView } from './deadline-countdown';
import { CASE_WORKFLOW_ERRORS, CaseWorkflowError } from './cases.errors';
import { handlerRefusal, hostRefusal } from './core/case-people';
import { fenToYuan } from './core/money-minor';
import { actorOf, beijingDate } from './case-workflow.service';

/** A case's issued document as listed. */
export interface CaseDocumentSummary {
  id: string;
  kind: string;
  sha256: string;
  issuedAt: string;
}

/** A case as `GET /api/cases/{id}` shows it. */
export interface CaseDetail {
  id: string;
  caseNumber: string;
  docketNumber: string | null;
  procedureId: string;
  state: string;
  source: string;
  description: string | null;
  clueDate: string;
  discoveryDate: string | null;
  openedAt: string;
  /** What the head found at filing (major, heavy, lifeHealthFinancial) and the kind of party. */
  flags: { major: boolean; heavy: boolean; lifeHealthFinancial: boolean };
  partyKind: string;
  partyAddress: string | null;
  firm: { creditCode: string; name: string; regionCode: string };
  handlers: { userId: string; name: string | null; certificateNumber: string | null }[];
  timeline: {
    seq: number;
    action: string;
    actor: { userId: string; name: string | null; roles: string[] };
    at: string;
    date: string;
    fromState: string;
    toState: string;
    input: Record<string, unknown>;
    document: { id: string; kind: string } | null;
  }[];
  deadlines: DeadlineView[];
  parties: { role: 'party'; kind: 'firm'; creditCode: string; name: string }[];
  assessment: {
    version: number;
    currency: string;
    amount: string;
    min: string;
    max: string | null;
    tier: string;
    rulebook: string;
    rulebookVersion: string;
    steps: CaseTraceStep[];
  } | null;
  precedents: {
    id: string;
    authority: string;
    /** The deciding authority's name in Chinese, where the precedent data gives it. */
    authorityZh?: string;
    decisionDate: string;
    amount: string;
    currency: string;
    versus: string | null;
    comparable: boolean;
  }[];
  documents: CaseDocumentSummary[];
  /** Exactly the actions the caller may take now (the portal shows only these). */
  actions: string[];
  /** The server's today (Beijing) the deadlines and actions were computed for: a step's default day. */
  today: string;
}

/** The actions whose form names people, and so has a picker. */
export const PICKER_ACTIONS = ['assign', 'schedule-hearing'] as const;
export type PickerAction = (typeof PICKER_ACTIONS)[number];

/** The people an action's form may name on this case (`GET /api/cases/{id}/actions/{action}/candidates`). */
export interface CaseCandidates {
  action: PickerAction;
  people: { userId: string; name: string; certificateNumber: string | null; roles: string[] }[];
  /** Who the choice must include: an inspector who is not a head assigns a team he belongs to (himself). */
  required: string[];
}

/** A time limit near or past, on a case that concerns the caller. */
export interface CaseTask {
  caseId: string;
  caseNumber: string;
  docketNumber: string | null;
  state: string;
  firm: { creditCode: string; name: string };
  deadline: DeadlineView;
}

/** One step of a fine's trace; the Chinese rulebooks also give it in Chinese (`zh`). */
export interface CaseTraceStep {
  id: string;
  description: string;
  citation: string;
  value: string;
  zh?: { description: string; citation: string; value?: string };
}

const CLOSED_STATES = ['closed', 'no_penalty', 'withdrawn', 'transferred'];

interface TraceLike {
  steps?: CaseTraceStep[];
  precedents?: {
    id: string;
    authority: string;
    authorityText?: { zh: string; en: string };
    decisionDate: string;
    amount: string;
    currency: string;
    proposalVersusPrecedent?: string;
    comparable?: boolean;
  }[];
}

/** Reads of cases in the caller's scope: lists, the detail with deadlines and actions, documents, tasks. */
@Injectable()
export class CaseViewService {
  constructor(
    private readonly procedures: CaseProcedureRepository,
    private readonly directory: CaseActorDirectory,
    private readonly store: CaseDocumentStore,
    private readonly clock: Clock,
  ) {}

  /** Cases in scope, newest first; `nextCursor` continues the list (null at its end). */
  async list(
    principal: Principal,
    filter: { firm?: string; state?: string; cursor?: string; limit?: number },
  ): Promise<{ items: CaseListRow[]; nextCursor: string | null }> {
    const limit = Math.max(1, Math.min(500, filter.limit ?? 50));
    const items = await this.procedures.list(scopeOf(principal), {
      ...(filter.firm ? { firmCreditCode: filter.firm } : {}),
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.cursor ? { cursor: filter.cursor } : {}),
      limit,
    });
    return { items, nextCursor: items.length === limit ? items[items.length - 1].id : null };
  }

  async detail(principal: Principal, caseId: string): Promise<CaseDetail> {
    const s = await this.snapshotInScope(principal, caseId);
    const today = beijingDate(this.clock.now());
    const def = procedureDefinition(s.case.procedureId);
    const record = caseRecordOf(s);
    const users = await this.directory.find(
      [...s.handlers.map((h) => h.actorId), ...s.steps.map((st) => st.actorId)].filter((id) =>
        /^\d{1,18}$/.test(id),
      ),
    );
    const nameOf = (id: string) => users.get(id)?.name ?? null;
    const trace = (s.assessment?.trace ?? {}) as TraceLike;
    // The party sees what the documents tell it: not the officers' deliberations (proposal, legal review, notes)
    // nor the rulebook's calculation before the notice announces the proposed penalty.
    const party = principal.roles.includes('firm');
    const notified = s.steps.some((st) => st.action === 'notify');
    return {
      id: s.case.id,
      caseNumber: s.case.caseNumber,
      docketNumber: s.case.docketNumber,
      procedureId: s.case.procedureId,
      state: s.case.state,
      source: s.case.source,
      description: s.case.description,
      clueDate: record.clueDate,
      discoveryDate: record.discoveryDate,
      openedAt: s.case.openedAt,
      flags: {
        major: record.flags?.major === true,
        heavy: record.flags?.heavy === true,
        lifeHealthFinancial: record.flags?.lifeHealthFinancial === true,
      },
      partyKind: record.partyKind ?? 'legal-person',
      partyAddress: s.case.partyAddress,
      firm: { creditCode: s.case.firm.creditCode, name: s.case.firm.name, regionCode: s.case.regionCode },
      handlers: s.handlers.map((h) => ({
        userId: h.actorId,
        name: nameOf(h.actorId),
        certificateNumber: h.certificateNumber,
      })),
      timeline: s.steps.map((st) => ({
        seq: st.seq,
        action: st.action,
        actor: { userId: st.actorId, name: nameOf(st.actorId), roles: st.actorRoles },
        at: st.at,
        date: st.date,
        fromState: st.fromState,
        toState: st.toState,
        input: withYuan(
          party && !st.actorRoles.includes('firm') ? partyVisible(st.action, st.input) : st.input,
        ),
        document: st.documentId ? { id: st.documentId, kind: st.documentKind ?? '' } : null,
      })),
      deadlines: withCountdown(def, caseDeadlines(def, record, today), today),
      parties: [{ role: 'party', kind: 'firm', creditCode: s.case.firm.creditCode, name: s.case.firm.name }],
      assessment:
        s.assessment && (!party || notified)
          ? {
              version: s.assessment.version,
              currency: s.assessment.currency,
              amount: s.assessment.amount,
              min: s.assessment.minAmount,
              max: s.assessment.maxAmount,
              tier: s.assessment.tier,
              rulebook: s.assessment.rulebook,
              rulebookVersion: s.assessment.rulebookVersion,
              steps: (trace.steps ?? []).map((x) => ({
                id: x.id,
                description: x.description,
                citation: x.citation,
                value: x.value,
                ...(x.zh ? { zh: x.zh } : {}),
              })),
            }
          : null,
      precedents: (party && !notified ? [] : (trace.precedents ?? [])).map((p) => ({
        id: p.id,
        authority: p.authority,
        ...(p.authorityText ? { authorityZh: p.authorityText.zh } : {}),
        decisionDate: p.decisionDate,
        amount: p.amount,
        currency: p.currency,
        versus: p.proposalVersusPrecedent ?? null,
        comparable: p.comparable ?? true,
      })),
      documents: s.documents.map(summaryOf),
      actions: availableActions(def, record, actorOf(principal), today),
      today,
    };
  }

  /**
   * The people `action`'s form may name on the case, for a caller who may take it now (the same refusals as the
   * action itself: 404 out of scope, PROCEDURE.ROLE_NOT_PERMITTED, NOT_ALLOWED_IN_STATE…): for `assign` the enabled,
   * certified inspectors of the case's region; for `schedule-hearing` its enabled officers who are not its handlers.
   * The rules are the ones `act` refuses by (core/case-people.ts and the procedure's own), so nobody listed is refused.
   */
  async candidates(principal: Principal, caseId: string, action: PickerAction): Promise<CaseCandidates> {
    const s = await this.snapshotInScope(principal, caseId);
    const def = procedureDefinition(s.case.procedureId);
    const record = caseRecordOf(s);
    checkActionAvailable(def, record, actorOf(principal), action, beijingDate(this.clock.now()));
    const officers = await this.directory.officersCovering(s.case.regionCode);
    const handlers = new Set(record.handlers.map((h) => h.actorId));
    const people = officers.filter((u) =>
      action === 'assign'
        ? handlerRefusal(u, s.case.regionCode) === null
        : hostRefusal(u, s.case.regionCode) === null && !handlers.has(u.id),
    );
    return {
      action,
      people: people.map((u) => ({
        userId: u.id,
        name: u.name,
        certificateNumber: u.certificateNumber,
        roles: [...u.roles],
      })),
      required: action === 'assign' && !principal.roles.includes('head') ? [principal.userId] : [],
    };
  }

  async documents(principal: Principal, caseId: string): Promise<CaseDocumentSummary[]> {
    return (await this.snapshotInScope(principal, caseId)).documents.map(summaryOf);
  }

  /** The PDF of an issued document, byte-identical to its recorded SHA-256 (EVIDENCE.DOCUMENT_TAMPERED otherwise). */
  async download(
    principal: Principal,
    documentId: string,
  ): Promise<{ pdf: Buffer; sha256: string; kind: string; fileName: string }> {
    const d = await this.procedures.document(documentId, scopeOf(principal));
    if (!d) {
      throw new CaseWorkflowError(
        CASE_WORKFLOW_ERRORS.DOCUMENT_NOT_FOUND,
        `no document ${documentId} in your scope`,
        {
          documentId,
        },
      );
    }
    const pdf = await this.store.read(d.storagePath, d.sha256, d.id);
    return { pdf, sha256: d.sha256, kind: d.kind, fileName: `${d.documentNumber}-${d.kind}.pdf` };
  }

  /**
   * My work: the time limits near or past on open cases that concern me — as a handler; every open case in
   * scope for a head or legal reviewer; a firm's own windows (statement, hearing, payment) on its cases.
   */
  async tasks(principal: Principal): Promise<CaseTask[]> {
    const firm = principal.roles.includes('firm');
    const all = firm || principal.roles.includes('head') || principal.roles.includes('legal_reviewer');
    const ids = await this.procedures.openCaseIds(
      scopeOf(principal),
      { actorId: principal.userId, all },
      CLOSED_STATES,
    );
    const today = beijingDate(this.clock.now());
    const out: CaseTask[] = [];
    for (const id of ids) {
      const s = await this.procedures.snapshot(id, scopeOf(principal));
      if (!s) continue;
      const def = procedureDefinition(s.case.procedureId);
      for (const d of withCountdown(def, caseDeadlines(def, caseRecordOf(s), today), today)) {
        if (d.status !== 'near' && d.status !== 'overdue') continue;
        if (firm !== (d.holder === 'party')) continue;
        out.push({
          caseId: s.case.id,
          caseNumber: s.case.caseNumber,
          docketNumber: s.case.docketNumber,
          state: s.case.state,
          firm: { creditCode: s.case.firm.creditCode, name: s.case.firm.name },
          deadline: d,
        });
      }
    }
    return out.sort(
      (a, b) => a.deadline.due.localeCompare(b.deadline.due) || a.caseId.localeCompare(b.caseId),
    );
  }

  private async snapshotInScope(principal: Principal, caseId: string): Promise<ProcedureSnapshot> {
    const s = await this.procedures.snapshot(caseId, scopeOf(principal));
    if (!s) {
      throw new CaseWorkflowError(CASE_WORKFLOW_ERRORS.CASE_NOT_FOUND, `no case ${caseId} in your scope`, {
        caseId,
      });
    }
    return s;
  }
}

const summaryOf = (d: {
  id: string;
  kind: string;
  sha256: string;
  issuedAt: string;
}): CaseDocumentSummary => ({
  id: d.id,
  kind: d.kind,
  sha256: d.sha256,
  issuedAt: d.issuedAt,
});

/** The fields of an officer's step the party is told in the documents it receives (dates, amounts, hearing, service). */
const PARTY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  file: ['date'],
  notify: ['date', 'amountMinor', 'hearingOffered', 'statementLastDay', 'hearingRequestLastDay'],
  'schedule-hearing': ['date', 'hearingDate', 'place'],
  'record-hearing': ['date'],
  decide: ['date', 'amountMinor'],
  serve: ['date', 'method', 'recipient'],
  publish: ['date', 'channel'],
  'record-payment': ['date', 'amountMinor'],
  'no-penalty': ['reason'],
  withdraw: ['reason'],
  transfer: ['reason', 'recipientAuthority'],
};

function partyVisible(action: string, input: Record<string, unknown>): Record<string, unknown> {
  const keep = PARTY_FIELDS[action] ?? [];
  return Object.fromEntries(Object.entries(input).filter(([k]) => keep.includes(k)));
}

/** A step's input as shown: fen amounts also in yuan (the API's unit). */
function withYuan(input: Record<string, unknown>): Record<string, unknown> {
  return typeof input.amountMinor === 'number' ? { ...input, amount: fenToYuan(input.amountMinor) } : input;
}
