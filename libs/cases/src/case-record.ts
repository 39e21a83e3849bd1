import type { ProcedureSnapshot } from '@app/persistence';
import type { CaseRecord, ProcedureRole } from '@app/procedure';
import { storedAmountToFen } from './core/money-minor';
import { conductEndOf } from './procedure-document-assembler';

/**
 * The clue's dates. A clue from an inspection is dated by the inspection's discovery date (the case dates the
 * assessment was computed for: "the clue was received or the conduct discovered") when there is one, else the
 * day the inspection opened the case; a clue entered by hand by the dates the officer gave. Once the case
 * leaves `clue`, the dates are frozen on the row (a later assessment version does not move them).
 */
export function clueDatesOf(s: ProcedureSnapshot): {
  clueDate: string;
  discoveryDate: string | null;
  conductEndDate: string | null;
} {
  const c = s.case;
  const conductEndDate = c.conductEndDate ?? (c.source === 'inspection' ? conductEndOf(c.summary) : null);
  if (c.state !== 'clue' || c.source === 'hand') {
    return { clueDate: c.clueDate, discoveryDate: c.discoveryDate, conductEndDate };
  }
  const discovered = c.discoveryDate ?? s.assessment?.discoveryDate ?? null;
  return { clueDate: discovered ?? c.clueDate, discoveryDate: discovered, conductEndDate };
}

/** The engine's view of a stored case: state, dates, steps, handlers and the rulebook's range in fen. */
export function caseRecordOf(s: ProcedureSnapshot): CaseRecord {
  const c = s.case;
  const a = s.assessment;
  return {
    procedureId: c.procedureId,
    state: c.state,
    ...clueDatesOf(s),
    regionCode: c.regionCode,
    firmCreditCode: c.firm.creditCode,
    steps: s.steps.map((st) => ({
      seq: st.seq,
      action: st.action,
      actorId: st.actorId,
      actorRoles: st.actorRoles as ProcedureRole[],
      at: st.at,
      date: st.date,
      input: st.input,
      fromState: st.fromState,
      toState: st.toState,
      document: st.documentKind as CaseRecord['steps'][number]['document'],
    })),
    handlers: s.handlers.map((h) => ({ actorId: h.actorId, certificateNumber: h.certificateNumber })),
    flags: {
      major: c.flags.major === true,
      heavy: c.flags.heavy === true,
      lifeHealthFinancial: c.flags.lifeHealthFinancial === true,
    },
    partyKind: c.partyKind === 'individual' ? 'individual' : 'legal-person',
    // The engine counts yuan in fen; only a CNY assessment is a range the CN procedure can check against.
    assessment:
      a && a.currency === 'CNY'
        ? {
            minMinor: storedAmountToFen(a.minAmount),
            maxMinor: a.maxAmount === null ? Number.MAX_SAFE_INTEGER : storedAmountToFen(a.maxAmount),
            proposedMinor: storedAmountToFen(a.amount),
            currency: 'CNY',
          }
        : null,
  };
}
