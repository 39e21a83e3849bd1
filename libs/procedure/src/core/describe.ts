import type { ProcedureDocumentKind, ProcedureRole } from '../procedure.types';
import type {
  Citation,
  ProcedureDefinition,
  SourceInstrument,
  StateDefinition,
  Text2,
} from './definition.types';

/** A procedure described for people and for the API's OpenAPI text: no functions, only data. */
export interface ProcedureDescription {
  id: string;
  version: string;
  title: Text2;
  inForceFrom: string;
  inForceUntil: string | null;
  states: readonly StateDefinition[];
  initialState: string;
  actions: {
    name: string;
    label: Text2;
    from: readonly string[];
    to: readonly string[];
    roles: { role: ProcedureRole; handlerOnly: boolean }[];
    preconditions: { id: string; description: Text2; code: string; basis: string; confidence: string }[];
    document: ProcedureDocumentKind | null;
    opens: readonly string[];
    meets: readonly string[];
    basis: string[];
  }[];
  deadlines: {
    id: string;
    label: Text2;
    counting: string;
    holder: string;
    basis: string;
    confidence: string;
    metBy: string | null;
  }[];
  parameters: {
    id: string;
    description: Text2;
    unit: string;
    values: {
      from: string;
      until: string | null;
      region: string | null;
      value: unknown;
      basis: string;
      confidence: string;
      note: string | null;
    }[];
  }[];
  roles: ProcedureRole[];
  documents: ProcedureDocumentKind[];
  sources: readonly SourceInstrument[];
  calendar: { id: string; coverage: { from: string; until: string } };
}

const label = (c: Citation): string => c.label.en;

/** Describes a definition as plain data (for docs/procedure.md and the API's action descriptions). */
export function describeProcedure(def: ProcedureDefinition): ProcedureDescription {
  const roles = new Set<ProcedureRole>();
  const documents = new Set<ProcedureDocumentKind>();
  const actions = def.actions.map((a) => {
    for (const p of a.permits) roles.add(p.role);
    if (a.document) documents.add(a.document);
    return {
      name: a.name,
      label: a.label,
      from: a.from,
      to: a.toStates,
      roles: a.permits.map((p) => ({ role: p.role, handlerOnly: p.handlerOnly === true })),
      preconditions: a.preconditions.map((p) => ({
        id: p.id,
        description: p.description,
        code: p.code,
        basis: label(p.basis),
        confidence: p.basis.confidence,
      })),
      document: a.document,
      opens: a.opens,
      meets: a.meets,
      basis: a.basis.map(label),
    };
  });
  return {
    id: def.id,
    version: def.version,
    title: def.title,
    inForceFrom: def.inForceFrom,
    inForceUntil: def.inForceUntil,
    states: def.states,
    initialState: def.initialState,
    actions,
    deadlines: def.deadlines.map((d) => ({
      id: d.id,
      label: d.label,
      counting: d.counting,
      holder: d.holder,
      basis: label(d.basis),
      confidence: d.basis.confidence,
      metBy: d.metBy,
    })),
    parameters: def.parameters.map((p) => ({
      id: p.id,
      description: p.description,
      unit: p.unit,
      values: p.values.map((v) => ({
        from: v.from,
        until: v.until,
        region: v.region ?? null,
        value: v.value,
        basis: label(v.citation),
        confidence: v.citation.confidence,
        note: v.note ?? null,
      })),
    })),
    roles: [...roles],
    documents: [...documents],
    sources: def.sources,
    calendar: { id: def.calendar.id, coverage: def.calendar.coverage },
  };
}
