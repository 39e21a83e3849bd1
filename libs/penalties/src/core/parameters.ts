import { DomainError } from '@app/common';
import { PENALTY_ERRORS } from '../penalties.errors';
import { biNode, traceNode, type TraceNode } from './trace';

/**
 * How sure a parameter value is, with the tags of the project's legal reference: P = read in the legal
 * text, S = secondary sources, U = unconfirmed (a value tagged U is never used silently: the calculator
 * names it in the assessment's assumptions), C = bioaudit's own calibration, not law.
 */
export type Confidence = 'P' | 'S' | 'U' | 'C';

/** One value of a parameter, applying from a date until the next value's date. */
export interface DatedValue {
  from: string;
  value: string;
  citation: string;
  source: string;
  confidence: Confidence;
  note?: string;
  /** The citation in Chinese (required for the Chinese rulebooks). */
  citationZh?: string;
}

export interface ParameterDefinition {
  description: string;
  /** The description in Chinese (required for the Chinese rulebooks). */
  descriptionZh?: string;
  unit: string;
  values: DatedValue[];
}

/** The parsed content of a rulebook's `parameters.json`. */
export interface ParameterFile {
  rulebook: string;
  version: string;
  parameters: Record<string, ParameterDefinition>;
}

/** A parameter value resolved for one date, with the provenance the trace cites. */
export interface ResolvedParameter extends DatedValue {
  name: string;
  unit: string;
  description: string;
  descriptionZh?: string;
}

/**
 * Dated parameters in the OpenFisca manner: each value applies from its `from` date until the next one.
 * Asking for a date before the first value is an error, never a fallback.
 */
export class ParameterSet {
  constructor(private readonly file: ParameterFile) {
    for (const [name, def] of Object.entries(file.parameters)) {
      const dates = def.values.map((v) => v.from);
      const sorted = [...dates].sort();
      if (dates.join() !== sorted.join() || new Set(dates).size !== dates.length) {
        throw new Error(
          `${file.rulebook} parameter ${name}: values must be in strictly increasing date order`,
        );
      }
    }
  }

  get version(): string {
    return this.file.version;
  }

  names(): string[] {
    return Object.keys(this.file.parameters);
  }

  /** The value of `name` in force on `date` (YYYY-MM-DD). */
  at(name: string, date: string): ResolvedParameter {
    const def = this.file.parameters[name];
    if (!def) throw new Error(`${this.file.rulebook}: no parameter named ${name}`);
    let found: DatedValue | undefined;
    for (const v of def.values) if (v.from <= date) found = v;
    if (!found) {
      throw new DomainError(
        PENALTY_ERRORS.NO_PARAMETER_IN_FORCE,
        `${this.file.rulebook}: ${name} has no value in force on ${date} (first value applies from ${def.values[0]?.from})`,
        { rulebook: this.file.rulebook, parameter: name, date },
      );
    }
    return { ...found, name, unit: def.unit, description: def.description, descriptionZh: def.descriptionZh };
  }

  /** The earliest date from which every parameter has a value: the rulebook cannot judge earlier conduct. */
  earliestDate(): string {
    return Object.values(this.file.parameters)
      .map((d) => d.values[0]?.from ?? '9999-12-31')
      .reduce((a, b) => (a > b ? a : b), '0000-01-01');
  }
}

/** Marker appended to the citation of a parameter node whose value is unconfirmed (confidence U). */
export const UNCONFIRMED_MARK = ' [U]';
/** The same mark in Chinese. */
export const UNCONFIRMED_MARK_ZH = '（未经核实）';

/**
 * A resolved parameter as a trace leaf citing its source; unconfirmed values carry the [U] mark. Parameters
 * with Chinese text give a bilingual node described by their human description, never by their name.
 */
export function parameterNode(p: ResolvedParameter): TraceNode {
  const u = p.confidence === 'U';
  if (p.descriptionZh !== undefined && p.citationZh !== undefined) {
    return biNode(
      `param.${p.name}`,
      {
        en: `${p.description} (value in force from ${p.from})`,
        zh: `${p.descriptionZh}（自${p.from}起适用的取值）`,
      },
      {
        en: u ? `${p.citation}${UNCONFIRMED_MARK}` : p.citation,
        zh: u ? `${p.citationZh}${UNCONFIRMED_MARK_ZH}` : p.citationZh,
      },
      p.value,
    );
  }
  return traceNode(
    `param.${p.name}`,
    `${p.name} in force from ${p.from} (${p.unit})`,
    u ? `${p.citation}${UNCONFIRMED_MARK}` : p.citation,
    p.value,
  );
}
