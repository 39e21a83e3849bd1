import type { CaseRecord, Deadline, ProcedureActor, Transition } from '../procedure.types';
import { PROCEDURE_ERRORS, ProcedureError } from '../procedure.errors';
import { isHandler } from './case-facts';
import type { ActionContext, ActionDefinition, Precondition, ProcedureDefinition } from './definition.types';

/**
 * The pure procedure engine: it reads a definition, a case record and an actor, and answers what may happen next.
 * It imports nothing but the contract and @app/common (through the errors); dates are counted by the definition's
 * calendar port. The caller has already checked that the actor may see the case (scope).
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkToday(today: string): void {
  if (!DAY.test(today)) {
    throw new ProcedureError(PROCEDURE_ERRORS.INVALID_INPUT, `today is not a date YYYY-MM-DD: "${today}"`, {
      field: 'today',
    });
  }
}

function findAction(def: ProcedureDefinition, name: string): ActionDefinition {
  const action = def.actions.find((a) => a.name === name);
  if (!action) {
    throw new ProcedureError(PROCEDURE_ERRORS.UNKNOWN_ACTION, `procedure ${def.id} has no action "${name}"`, {
      action: name,
      procedureId: def.id,
    });
  }
  return action;
}

/** Whether one of the actor's roles permits the action (an inspector only as a handler where so required). */
function rolePermits(action: ActionDefinition, record: CaseRecord, actor: ProcedureActor): boolean {
  return action.permits.some(
    (p) => actor.roles.includes(p.role) && (!p.handlerOnly || isHandler(record, actor.id)),
  );
}

function fail(pre: Precondition, message: string, details: Record<string, unknown> = {}): ProcedureError {
  return new ProcedureError(pre.code, message, {
    ...details,
    precondition: pre.id,
    basis: pre.basis.label.en,
    basisZh: pre.basis.label.zh,
  });
}

function runPreconditions(action: ActionDefinition, ctx: ActionContext, withInput: boolean): void {
  for (const pre of action.preconditions) {
    if (pre.usesInput && !withInput) continue;
    const failure = pre.check(ctx);
    if (failure) throw fail(pre, failure.message, failure.details);
  }
}

/**
 * The actions this actor may take on the case today: the state allows them, a role permits them, and every
 * precondition that does not depend on the input holds (four eyes, an open window, the calendar…). A precondition
 * that cannot be evaluated (a day outside the pinned calendar) leaves the action out.
 */
export function availableActions(
  def: ProcedureDefinition,
  record: CaseRecord,
  actor: ProcedureActor,
  today: string,
): string[] {
  checkToday(today);
  const out: string[] = [];
  for (const action of def.actions) {
    if (!action.from.includes(record.state)) continue;
    if (!rolePermits(action, record, actor)) continue;
    try {
      runPreconditions(action, { def, record, actor, today, input: {} }, false);
      out.push(action.name);
    } catch (e) {
      if (!(e instanceof ProcedureError)) throw e;
    }
  }
  return out;
}

/**
 * Checks an action against the case (state, role, input, preconditions, windows) and returns the step to store and
 * the document to issue; throws a ProcedureError with the first refusal, in that order.
 */
export function applyAction(
  def: ProcedureDefinition,
  record: CaseRecord,
  actor: ProcedureActor,
  actionName: string,
  input: Readonly<Record<string, unknown>>,
  today: string,
): Transition {
  const { action, bare } = mayTake(def, record, actor, actionName, today);
  const parsed = action.parseInput(input ?? {}, bare);
  const ctx: ActionContext = { ...bare, input: parsed };
  for (const pre of action.preconditions) {
    if (!pre.usesInput) continue;
    const failure = pre.check(ctx);
    if (failure) throw fail(pre, failure.message, failure.details);
  }
  const toState = action.to(ctx);
  const date = action.effectiveDate(ctx);
  const derived = action.derive ? action.derive(ctx) : {};
  return {
    toState,
    document: action.document,
    step: {
      action: action.name,
      actorId: actor.id,
      actorRoles: [...actor.roles],
      date,
      input: { ...parsed, ...derived },
      fromState: record.state,
      toState,
      document: action.document,
    },
  };
}

/**
 * Whether the actor may take the action on the case today, before any input: the state allows it, a role permits
 * it and every precondition that does not read the input holds. Throws the refusal `applyAction` would (state,
 * role, four eyes, window…); used before a form is answered, e.g. to list the people it may name.
 */
export function checkActionAvailable(
  def: ProcedureDefinition,
  record: CaseRecord,
  actor: ProcedureActor,
  actionName: string,
  today: string,
): void {
  mayTake(def, record, actor, actionName, today);
}

function mayTake(
  def: ProcedureDefinition,
  record: CaseRecord,
  actor: ProcedureActor,
  actionName: string,
  today: string,
): { action: ActionDefinition; bare: ActionContext } {
  checkToday(today);
  const action = findAction(def, actionName);
  if (!action.from.includes(record.state)) {
    throw new ProcedureError(
      PROCEDURE_ERRORS.NOT_ALLOWED_IN_STATE,
      `"${actionName}" is not allowed while the case is ${record.state}`,
      { action: actionName, state: record.state, allowedFrom: [...action.from] },
    );
  }
  if (!rolePermits(action, record, actor)) {
    throw new ProcedureError(
      PROCEDURE_ERRORS.ROLE_NOT_PERMITTED,
      `none of the roles [${actor.roles.join(', ')}] may take "${actionName}" on this case`,
      {
        action: actionName,
        permitted: action.permits.map((p) => (p.handlerOnly ? `${p.role} (assigned handler)` : p.role)),
      },
    );
  }
  const bare: ActionContext = { def, record, actor, today, input: {} };
  // The actor-only checks (four eyes, windows) come before the input's: a refusal should name the real obstacle.
  runPreconditions(action, bare, false);
  return { action, bare };
}

/**
 * No run of non-working days in the pinned years is longer than 10 days (2020's extended Spring Festival), so a
 * due day more than 20 calendar days away has more than 3 working days left: it needs no holiday table (and a far
 * deadline in a year not yet pinned does not make the case's whole list fail).
 */
const FAR_CALENDAR_DAYS = 20;

const CONFIRMED = { provisional: false } as const;

function isNear(def: ProcedureDefinition, today: string, due: string): boolean {
  if (def.calendar.calendarDaysBetween(today, due) > FAR_CALENDAR_DAYS) return false;
  return def.calendar.workingDaysBetween(today, due) <= def.nearWorkingDays;
}

/**
 * Every time limit of the case, computed from its steps, with its status today: `met` when the action that meets
 * it was taken (on any day — lateness shows in `metOn` > `due`), `overdue` after the last day, `near` with at most
 * `def.nearWorkingDays` working days left, else `open`. In a terminal state only the met ones are listed.
 *
 * A working-day count that runs over a year without a pinned holiday notice is `provisional` (with the reason and
 * the missing years). A party's window lapses only after `acceptedUntil` — its last day when confirmed, a later
 * safe day when provisional — so a provisional day never shows the party's right as lost; between `due` and
 * `acceptedUntil` it stays `near`. The authority's own provisional deadlines lapse on `due` and only warn.
 */
export function caseDeadlines(def: ProcedureDefinition, record: CaseRecord, today: string): Deadline[] {
  checkToday(today);
  const terminal = def.states.some((s) => s.id === record.state && s.terminal);
  const out: Deadline[] = [];
  for (const rule of def.deadlines) {
    const c = rule.compute(def, record, today);
    if (!c) continue;
    // Once the case has ended, a time limit nobody met no longer binds anyone (a party's unused window after a
    // no-penalty decision): it is left out rather than shown as open or overdue.
    if (terminal && c.metOn === null) continue;
    const counted =
      rule.counting === 'working-days' && c.countedFrom !== undefined
        ? def.calendar.countStatus(c.countedFrom, c.due)
        : CONFIRMED;
    const acceptedUntil = rule.holder === 'party' ? (c.acceptedUntil ?? c.due) : undefined;
    let status: Deadline['status'];
    if (c.metOn !== null) status = 'met';
    else if (today > (acceptedUntil ?? c.due)) status = 'overdue';
    else if (today > c.due || isNear(def, today, c.due)) status = 'near';
    else status = 'open';
    out.push({
      id: rule.id,
      label: rule.label,
      due: c.due,
      counting: rule.counting,
      basis: rule.basis.label.en,
      basisZh: rule.basis.label.zh,
      basisConfidence: rule.basis.confidence,
      status,
      metBy: rule.metBy,
      holder: rule.holder,
      metOn: c.metOn,
      suspended: c.suspended ?? false,
      provisional: counted.provisional,
      provisionalReason: counted.provisional ? counted.reason : null,
      missingNoticeYears: counted.provisional ? [...counted.missingNoticeYears] : [],
      ...(acceptedUntil === undefined ? {} : { acceptedUntil }),
    });
  }
  return out;
}
