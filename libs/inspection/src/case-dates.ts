import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DomainError, parseIsoDate } from '@app/common';
import { INSPECTION_ERRORS } from './inspection.errors';
import type { CaseDates } from './inspection.types';

/** The dates an officer states for a case; an absent field is not stated (a `null` one is stated unknown). */
export interface StatedCaseDates {
  discoveryDate?: string | null;
  filingDate?: string | null;
  decisionDate?: string;
}

/** The optional file of an inspection folder that states the case's dates. */
export const CASE_DATES_FILE = 'case.json';

const FIELDS = ['discoveryDate', 'filingDate', 'decisionDate'] as const;

/**
 * Reads `case.json` of an inspection folder when there is one: `{ "discoveryDate", "filingDate",
 * "decisionDate" }`, each `YYYY-MM-DD` (discovery and filing may be `null`). Every problem is reported at
 * once (CASE.DATES_INVALID); no file states nothing.
 */
export function readCaseDatesFile(folder: string): StatedCaseDates {
  const file = path.join(folder, CASE_DATES_FILE);
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DomainError(
      INSPECTION_ERRORS.DATES_INVALID,
      `${CASE_DATES_FILE} is not valid JSON (${(e as Error).message})`,
      { file, problems: ['not valid JSON'] },
    );
  }
  return parseStatedCaseDates(json, CASE_DATES_FILE);
}

/** Validates a case-dates document; every problem is listed in one CASE.DATES_INVALID. */
export function parseStatedCaseDates(json: unknown, source: string): StatedCaseDates {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DomainError(INSPECTION_ERRORS.DATES_INVALID, `${source} must be a JSON object`, {
      problems: ['not an object'],
    });
  }
  const problems: string[] = [];
  const out: StatedCaseDates = {};
  for (const key of Object.keys(json)) {
    if (!(FIELDS as readonly string[]).includes(key))
      problems.push(`unknown field "${key}" (expected ${FIELDS.join(', ')})`);
  }
  const record = json as Record<string, unknown>;
  for (const key of FIELDS) {
    if (!(key in record)) continue;
    const v = record[key];
    if (v === null && key !== 'decisionDate') {
      out[key] = null;
      continue;
    }
    const d = typeof v === 'string' ? parseIsoDate(v) : null;
    if (!d)
      problems.push(
        `${key} must be a calendar date YYYY-MM-DD${key === 'decisionDate' ? '' : ' or null'}, got ${JSON.stringify(v)}`,
      );
    else out[key] = d;
  }
  if (problems.length > 0) {
    throw new DomainError(INSPECTION_ERRORS.DATES_INVALID, `${source}: ${problems.join('; ')}`, { problems });
  }
  return out;
}

/**
 * The dates a case is assessed for. A stated date wins (the flags over case.json); a date not stated is
 * the one of the case's latest assessment, so re-running without dates reuses it; a decision date stated
 * nowhere is `today`, flagged `decisionDateFromClock` (the case file is then a draft).
 */
export function resolveCaseDates(
  stated: StatedCaseDates,
  latest: CaseDates | null,
  today: string,
): CaseDates {
  const pick = (k: 'discoveryDate' | 'filingDate'): string | null =>
    stated[k] !== undefined ? stated[k] : (latest?.[k] ?? null);
  const dates: CaseDates = stated.decisionDate
    ? {
        decisionDate: stated.decisionDate,
        decisionDateFromClock: false,
        discoveryDate: null,
        filingDate: null,
      }
    : latest
      ? {
          decisionDate: latest.decisionDate,
          decisionDateFromClock: latest.decisionDateFromClock,
          discoveryDate: null,
          filingDate: null,
        }
      : { decisionDate: today, decisionDateFromClock: true, discoveryDate: null, filingDate: null };
  dates.discoveryDate = pick('discoveryDate');
  dates.filingDate = pick('filingDate');
  return dates;
}

/** The order the procedure imposes: discovery ≤ filing ≤ decision. Lists every contradiction at once. */
export function checkCaseDates(d: CaseDates): void {
  const problems: string[] = [];
  if (d.discoveryDate && d.filingDate && d.filingDate < d.discoveryDate)
    problems.push(`the filing date ${d.filingDate} is before the discovery date ${d.discoveryDate}`);
  if (d.filingDate && d.decisionDate < d.filingDate)
    problems.push(`the decision date ${d.decisionDate} is before the filing date ${d.filingDate}`);
  if (d.discoveryDate && d.decisionDate < d.discoveryDate)
    problems.push(`the decision date ${d.decisionDate} is before the discovery date ${d.discoveryDate}`);
  if (problems.length > 0)
    throw new DomainError(
      INSPECTION_ERRORS.DATES_INVALID,
      `case dates contradict each other: ${problems.join('; ')}`,
      {
        problems,
        ...d,
      },
    );
}
