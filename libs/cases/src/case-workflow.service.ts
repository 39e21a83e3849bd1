import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isFirmInScope, scopeOf, type Principal } from '@app/auth';
import { chinaDate } from '@app/law';
import {
  applyAction,
  caseDeadlines,
  procedureDefinition,
  type CaseRecord,
  type ProcedureActor,
  type ProcedureDocumentKind,
  type StepRecord,
} from '@app/procedure';
import {
  CaseProcedureRepository,
  CaseRepository,
  IngestBatchRepository,
  RegistryRepository,
  type ProcedureSnapshot,
} from '@app/persistence';
import { CaseActorDirectory, type CaseActorInfo } from './case-actor-directory';
import { CaseDocumentStore } from './case-document-store';
import { caseRecordOf, clueDatesOf } from './case-record';
import { handlerRefusal, hostRefusal } from './core/case-people';
import { CASE_WORKFLOW_ERRORS, CaseWorkflowError } from './cases.errors';
import { yuanToFen } from './core/money-minor';
import { assembleProcedureDocument } from './procedure-document-assembler';
import { ProcedureDocumentRenderer } from './procedure-document-renderer.port';

/** What a step did: the case's new state and the document it issued, if any. */
export interface ActionOutcome {
  caseId: string;
  seq: number;
  action: string;
  state: string;
  date: string;
  document: { id: string; kind: string; sha256: string; issuedAt: string } | null;
}

/** A clue entered by an officer. */
export interface NewClueRequest {
  firmCreditCode: string;
  description: string;
  discoveryDate: string;
  conductEndDate?: string | null;
  /** The party's address (a decision states it, APL art. 59(1)). */
  partyAddress?: string | null;
}

/** Actions whose body carries a yuan `amount` the engine takes as `amountMinor` (fen). */
const AMOUNT_ACTIONS = new Set(['propose', 'decide', 'record-payment']);

/** The Beijing calendar date of an instant. */
export const beijingDate = (d: Date): string => chinaDate(d.getTime());

/** The procedure actor a signed-in user is. */
export function actorOf(p: Principal): ProcedureActor {
  return {
    id: p.userId,
    roles: p.roles,
    certificateNumber: p.certificateNumber,
    firmCreditCode: p.firmCreditCode,
  };
}

/**
 * Moves cases through their administrative-penalty procedure. One action is one transaction: the case row is
 * locked, the engine (@app/procedure) decides on the stored record, and the step, the new state, the handlers,
 * the issued document (rendered once, sealed, its SHA-256 recorded, never rendered again) and the audit-log
 * entry commit together or not at all. Everything outside the case row (users, evidence) is read before the
 * lock: the embedded engine has a single connection, which the transaction holds.
 */
@Injectable()
export class CaseWorkflowService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly procedures: CaseProcedureRepository,
    private readonly cases: CaseRepository,
    private readonly batches: IngestBatchRepository,
    private readonly registry: RegistryRepository,
    private readonly directory: CaseActorDirectory,
    private readonly renderer: ProcedureDocumentRenderer,
    private readonly documents: CaseDocumentStore,
    private readonly clock: Clock,
  ) {}

  /** Today in Beijing (the legal calendar), by the injected clock. */
  today(): string {
    return beijingDate(this.clock.now());
  }

  /** Opens a clue by hand for a registered firm in the officer's scope (404 otherwise). */
  async openClue(principal: Principal, req: NewClueRequest): Promise<{ id: string; caseNumber: string }> {
    const firm = await this.registry.findFirm(req.firmCreditCode);
    if (!firm || !isFirmInScope(scopeOf(principal), firm.creditCode)) {
      throw new CaseWorkflowError(
        CASE_WORKFLOW_ERRORS.FIRM_NOT_FOUND,
        `no registered firm ${req.firmCreditCode} in your scope`,
        { creditCode: req.firmCreditCode },
      );
    }
    const today = this.today();
    if (req.discoveryDate > today) {
      throw new CaseWorkflowError(CASE_WORKFLOW_ERRORS.INVALID_INPUT, 'discoveryDate lies in the future', {
        field: 'discoveryDate',
      });
    }
    return this.procedures.openClue({
      firmId: firm.id,
      creditCode: firm.creditCode,
      description: req.description,
      clueDate: today,
      discoveryDate: req.discoveryDate,
      conductEndDate: req.conductEndDate ?? null,
      partyAddress: req.partyAddress ?? null,
      openedBy: principal.username,
      openedAt: this.clock.now(),
    });
  }

  /**
   * Takes `action` on the case as `principal`, with the body the API documents (amounts in yuan, users by id).
   * Refusals: CASE_WORKFLOW.CASE_NOT_FOUND out of scope, PROCEDURE.* from the engine (state, role, four eyes,
   * windows, input).
   */
  async act(
    principal: Principal,
    caseId: string,
    action: string,
    body: Readonly<Record<string, unknown>>,
  ): Promise<ActionOutcome> {
    const scope = scopeOf(principal);
    const before = await this.procedures.snapshot(caseId, scope);
    if (!before) throw notFound(caseId);
    const users = await this.directory.find(
      usersMentioned(before, body, principal.userId).filter((id) => /^\d{1,18}$/.test(id)),
    );
    const input = engineInput(action, body, users, before.case.regionCode);
    // The party's address is a fact of the case, not of the step: any action may record it (a decision needs it).
    const partyAddress =
      typeof body.partyAddress === 'string' && body.partyAddress.trim()
        ? body.partyAddress.trim()
        : undefined;
    // What the head finds at filing (major, heavy, harm to life/health/finance; the kind of party) is a fact of
    // the case the procedure reads from then on (legal review, collective discussion, limitation, hearing).
    const filing = action === 'file' ? filingFactsOf(body) : {};
    const evidence = await this.evidenceOf(before);
    const def = procedureDefinition(before.case.procedureId);
    const today = this.today();
    const outcome = await this.procedures.withLockedCase(caseId, scope, async (tx) => {
      const stored = await tx.snapshot();
      const snap: ProcedureSnapshot = {
        ...stored,
        case: { ...stored.case, ...(partyAddress ? { partyAddress } : {}), ...filing },
      };
      const record = caseRecordOf(snap);
      const t = applyAction(def, record, actorOf(principal), action, input, today);
      const at = this.clock.now();
      const seq = snap.steps.length + 1;
      const step: StepRecord = { ...t.step, seq, at: at.toISOString() };
      const handlers =
        t.step.action === 'assign' && Array.isArray(t.step.input.handlers)
          ? (t.step.input.handlers as { actorId: string; certificateNumber: string | null }[])
          : record.handlers;
      const after: CaseRecord = { ...record, state: t.toState, steps: [...record.steps, step], handlers };
      const docketNumber =
        snap.case.docketNumber ??
        (t.step.action === 'file'
          ? await this.docketNumber(tx.nextDocketSerial.bind(tx), snap.case.regionCode, step.date)
          : null);
      let document: ActionOutcome['document'] = null;
      if (t.document) {
        if ((t.document === 'decision' || t.document === 'no-penalty-decision') && !snap.case.partyAddress) {
          throw new CaseWorkflowError(
            CASE_WORKFLOW_ERRORS.INVALID_INPUT,
            "a decision states the party's address (APL art. 59(1)): give partyAddress",
            { field: 'partyAddress' },
          );
        }
        const kept = await this.issue(
          t.document,
          snap,
          after,
          step,
          docketNumber,
          users,
          evidence,
          principal,
        );
        const id = await tx.addDocument({
          stepSeq: seq,
          kind: t.document,
          documentNumber: documentNumberOf(docketNumber ?? snap.case.caseNumber, seq),
          sha256: kept.sha256,
          bytes: kept.bytes,
          storagePath: kept.path,
          issuedOn: step.date,
          issuedBy: principal.username,
          issuedAt: at,
        });
        document = { id, kind: t.document, sha256: kept.sha256, issuedAt: at.toISOString() };
      }
      await tx.appendStep({
        seq,
        action: step.action,
        actorId: step.actorId,
        actorRoles: step.actorRoles,
        at,
        date: step.date,
        input: step.input,
        fromState: step.fromState,
        toState: step.toState,
        documentKind: t.document,
        documentId: document?.id ?? null,
      });
      // Leaving `clue` freezes the clue's dates on the row: a later assessment version no longer moves them.
      const frozen = snap.case.state === 'clue' ? clueDatesOf(snap) : null;
      await tx.updateCase({
        state: t.toState,
        ...(docketNumber && !snap.case.docketNumber ? { docketNumber } : {}),
        ...(frozen ? { clueDate: frozen.clueDate, discoveryDate: frozen.discoveryDate } : {}),
        ...(partyAddress ? { partyAddress } : {}),
        ...filing,
      });
      if (t.step.action === 'assign') await tx.replaceHandlers(handlers, seq);
      await tx.audit(principal.username, `case.${action}`, {
        userId: principal.userId,
        roles: principal.roles,
        seq,
        fromState: step.fromState,
        toState: step.toState,
        date: step.date,
        ...filing,
        ...(document ? { document: { id: document.id, kind: document.kind, sha256: document.sha256 } } : {}),
      });
      return { caseId, seq, action: step.action, state: t.toState, date: step.date, document };
    });
    if (!outcome.found) throw notFound(caseId);
    return outcome.result;
  }

  /**
   * Renders, seals and returns the document of a step (the row is written by the caller, in its transaction).
   * Should the transaction roll back after this, the sealed file stays behind unreferenced: harmless (no row
   * points at it, the name carries its hash), and never served.
   */
  private async issue(
    kind: ProcedureDocumentKind,
    snap: ProcedureSnapshot,
    after: CaseRecord,
    step: StepRecord,
    docketNumber: string | null,
    users: ReadonlyMap<string, CaseActorInfo>,
    evidence: { labelZh: string; sha256: string; records: number | null }[],
    principal: Principal,
  ): Promise<{ sha256: string; path: string; bytes: number }> {
    const names = new Map<string, string>([...users].map(([id, u]) => [id, u.name]));
    names.set(principal.userId, principal.displayName);
    const def = procedureDefinition(snap.case.procedureId);
    const input = assembleProcedureDocument({
      kind,
      snapshot: snap,
      after,
      step,
      docketNumber,
      documentNumber: documentNumberOf(docketNumber ?? snap.case.caseNumber, step.seq),
      names,
      authority: this.config.authority,
      languages: this.config.caseFile.languages,
      placeholder: this.config.caseFile.draft,
      evidence,
      deadlines: caseDeadlines(def, after, step.date),
    });
    const pdf = await this.renderer.render(input);
    return this.documents.keep(snap.case.caseNumber, step.seq, kind, pdf);
  }

  /** The evidence batches a case rests on, as a document lists them. */
  private async evidenceOf(
    s: ProcedureSnapshot,
  ): Promise<{ labelZh: string; sha256: string; records: number | null }[]> {
    if (s.case.source === 'hand') return [];
    const batches = await this.batches.byIds(await this.cases.evidenceBatchIds(s.case.id));
    return batches.map((b) => ({
      labelZh: `${b.kind === 'consents' ? '同意记录' : b.kind === 'captures' ? '采集记录' : '设备登记'} ${b.fileName}`,
      sha256: b.sha256,
      records: b.acceptedCount ?? null,
    }));
  }

  /** 立案号: `<division code>立〔<year>〕<serial>号`, the serial counted per division and year. */
  private async docketNumber(
    next: (region: string, year: number) => Promise<number>,
    regionCode: string,
    date: string,
  ): Promise<string> {
    const year = Number(date.slice(0, 4));
    const serial = await next(regionCode, year);
    return `${regionCode}立〔${year}〕${String(serial).padStart(4, '0')}号`;
  }
}

/** The case facts a `file` body may state: flags (only the known ones, as booleans) and the kind of party. */
function filingFactsOf(body: Readonly<Record<string, unknown>>): {
  flags?: Record<string, boolean>;
  partyKind?: string;
} {
  const out: { flags?: Record<string, boolean>; partyKind?: string } = {};
  if (body.flags !== undefined) {
    const given = (body.flags ?? {}) as Record<string, unknown>;
    const flags: Record<string, boolean> = {};
    for (const k of ['major', 'heavy', 'lifeHealthFinancial']) {
      const v = given[k];
      if (v === undefined) continue;
      if (typeof v !== 'boolean') {
        throw new CaseWorkflowError(CASE_WORKFLOW_ERRORS.INVALID_INPUT, `flags.${k} must be true or false`, {
          field: `flags.${k}`,
        });
      }
      flags[k] = v;
    }
    out.flags = flags;
  }
  if (body.partyKind !== undefined) {
    if (body.partyKind !== 'legal-person' && body.partyKind !== 'individual') {
      throw new CaseWorkflowError(
        CASE_WORKFLOW_ERRORS.INVALID_INPUT,
        "partyKind must be 'legal-person' or 'individual'",
        { field: 'partyKind' },
      );
    }
    out.partyKind = body.partyKind;
  }
  return out;
}

/** 文号 of a step's document: the docket number (or the case number before filing) and the step. */
function documentNumberOf(base: string, seq: number): string {
  return `${base}-${String(seq).padStart(2, '0')}`;
}

function notFound(caseId: string): CaseWorkflowError {
  return new CaseWorkflowError(CASE_WORKFLOW_ERRORS.CASE_NOT_FOUND, `no case ${caseId} in your scope`, {
    caseId,
  });
}

/** Every user id the action and its documents may name. */
function usersMentioned(
  s: ProcedureSnapshot,
  body: Readonly<Record<string, unknown>>,
  self: string,
): string[] {
  const ids = [self, ...s.handlers.map((h) => h.actorId), ...s.steps.map((st) => st.actorId)];
  for (const st of s.steps) if (typeof st.input.hostId === 'string') ids.push(st.input.hostId);
  if (Array.isArray(body.handlers))
    ids.push(...body.handlers.filter((h): h is string => typeof h === 'string'));
  if (typeof body.hostId === 'string') ids.push(body.hostId);
  return ids;
}

/**
 * The engine's input from the API's body: a yuan `amount` becomes `amountMinor` (fen, exactly); handler user
 * ids become `{actorId, certificateNumber}` (each an enabled, certified inspector of the case's division
 * `divisionCode`); the hearing host must be an enabled officer of that division (core/case-people.ts: the pickers
 * of `CaseViewService.candidates` list by the same rules).
 */
export function engineInput(
  action: string,
  body: Readonly<Record<string, unknown>>,
  users: ReadonlyMap<string, CaseActorInfo>,
  divisionCode: string,
): Record<string, unknown> {
  // partyAddress is the workflow's (stored on the case), not the engine's.
  const { amount, handlers, partyAddress: _address, flags: _flags, partyKind: _kind, ...rest } = body;
  const out: Record<string, unknown> = { ...rest };
  if (AMOUNT_ACTIONS.has(action) && amount !== undefined) {
    const fen = typeof amount === 'string' ? yuanToFen(amount) : null;
    if (fen === null) {
      throw new CaseWorkflowError(
        CASE_WORKFLOW_ERRORS.INVALID_AMOUNT,
        `amount must be yuan with at most two decimals, e.g. "250000.00"`,
        { field: 'amount' },
      );
    }
    out.amountMinor = fen;
  }
  if (action === 'assign' && handlers !== undefined) {
    if (!Array.isArray(handlers)) {
      throw new CaseWorkflowError(CASE_WORKFLOW_ERRORS.INVALID_INPUT, 'handlers must be a list of user ids', {
        field: 'handlers',
      });
    }
    out.handlers = handlers.map((id: unknown, i) => {
      const u = typeof id === 'string' ? users.get(id) : undefined;
      const refusal = handlerRefusal(u, divisionCode);
      if (!u || refusal) {
        throw new CaseWorkflowError(
          CASE_WORKFLOW_ERRORS.UNKNOWN_USER,
          `handlers[${i}] (${String(id)}) ${refusal ?? 'is not an enabled inspector'}`,
          { field: `handlers[${i}]`, userId: id },
        );
      }
      return { actorId: u.id, certificateNumber: u.certificateNumber };
    });
  }
  if (action === 'schedule-hearing' && typeof body.hostId === 'string') {
    const refusal = hostRefusal(users.get(body.hostId), divisionCode);
    if (refusal) {
      throw new CaseWorkflowError(CASE_WORKFLOW_ERRORS.UNKNOWN_USER, `hostId ${body.hostId} ${refusal}`, {
        field: 'hostId',
        userId: body.hostId,
      });
    }
  }
  return out;
}
