import {
  birthdayInstant,
  formatDate,
  MINOR_AGE_YEARS,
  type CapturePurpose,
  type ConsentMethod,
  type FindingReason,
  type Purpose,
} from '@app/common';
import { DateTime } from 'luxon';
import type { Prng } from './prng';

/**
 * What each identified subject's consent history looks like. The expected verdict of every capture is
 * read off the scenario (its `expect` function, written out per kind below from the rule in
 * docs/detection.md), never computed by running the detection core.
 */
export const SCENARIO_KINDS = [
  'none',
  'valid',
  'given_after',
  'withdrawn',
  'expired',
  'other_purpose',
  'notice_only',
  'verbal',
  'not_separate',
  'minor_no_guardian',
  'minor_guardian',
  'renewed_after_expiry',
  'verbal_then_written',
  'conflicting_birth_dates',
] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/** Share of subjects per kind (normalised; every kind gets at least one subject when there is room). */
export const SCENARIO_SHARES: Readonly<Record<ScenarioKind, number>> = {
  none: 35,
  valid: 20,
  given_after: 8,
  withdrawn: 6,
  expired: 6,
  other_purpose: 5,
  notice_only: 6,
  verbal: 3,
  not_separate: 3,
  minor_no_guardian: 2,
  minor_guardian: 1,
  renewed_after_expiry: 2,
  verbal_then_written: 2,
  conflicting_birth_dates: 1,
};

export type Population = 'visitor' | 'resident';

/** One consent row of a scenario, times in epoch ms (whole seconds). */
export interface ScenarioConsent {
  givenAt: number;
  purposes: Purpose[];
  method: ConsentMethod;
  separateConsent: boolean;
  guardianConsent: boolean | null;
  subjectBirthDate: string | null;
  withdrawnAt: number | null;
  expiresAt: number | null;
  noticeVersion: string | null;
}

export interface SubjectScenario {
  subjectRef: string;
  population: Population;
  siteId: string;
  kind: ScenarioKind;
  consents: ScenarioConsent[];
  /** Instants inside the window where the verdict changes; boundary captures are placed on and just before them. */
  anchors: number[];
  /** The expected finding reason of a capture at `t` for `purpose`, or null when it is covered. */
  expect(t: number, purpose: CapturePurpose): FindingReason | null;
}

export interface ScenarioContext {
  rng: Prng;
  zone: string;
  /** When separate consent and a guardian's consent for under-14s became requirements (epoch ms). */
  law: { separateConsentFrom: number; guardianConsentFrom: number };
  /** Capture window [start, end), epoch ms. */
  start: number;
  end: number;
}

const DAY = 86_400_000;
const SECOND = 1000;

const POPULATION_PURPOSES: Readonly<Record<Population, readonly Purpose[]>> = {
  visitor: ['visitor_identification'],
  resident: ['access_control', 'security'],
};
/** Purposes this firm never captures for, so consent to them covers nothing here. */
const UNRELATED_PURPOSES: Readonly<Record<Population, readonly Purpose[]>> = {
  visitor: ['payment'],
  resident: ['attendance'],
};

function wholeSecond(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}

/** Moves an instant to a random second of office hours (09:00-18:00 local) on the same day. */
function officeHours(ctx: ScenarioContext, t: number): number {
  const day = DateTime.fromMillis(t, { zone: ctx.zone }).startOf('day');
  return day.plus({ seconds: 9 * 3600 + ctx.rng.int(9 * 3600) }).toMillis();
}

/** An instant well inside the window, so that captures fall on both sides of it. */
function inside(ctx: ScenarioContext): number {
  return officeHours(ctx, wholeSecond(ctx.start + (0.1 + 0.8 * ctx.rng.float()) * (ctx.end - ctx.start)));
}

/** An instant 1-200 days before the window opens. */
function before(ctx: ScenarioContext): number {
  return officeHours(ctx, wholeSecond(ctx.start - (1 + ctx.rng.float() * 199) * DAY));
}

/** A birth date making the subject turn 14 on a day inside the window; returns the date and that instant. */
function turns14Inside(ctx: ScenarioContext): { birthDate: string; at: number } {
  for (;;) {
    const day = formatDate(inside(ctx), ctx.zone);
    // 29 February birthdays move to 1 March in common years; keep the example on plain dates.
    if (day.endsWith('-02-29')) continue;
    const birthDate = `${Number(day.slice(0, 4)) - MINOR_AGE_YEARS}${day.slice(4)}`;
    const at = birthdayInstant(birthDate, MINOR_AGE_YEARS, ctx.zone);
    if (at !== null && at > ctx.start && at < ctx.end) return { birthDate, at };
  }
}

function adultBirthDate(rng: Prng): string {
  const y = 1950 + rng.int(50);
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Builds one subject's scenario: its consent rows, anchors and expected verdicts. */
export function buildScenario(
  kind: ScenarioKind,
  subjectRef: string,
  population: Population,
  siteId: string,
  ctx: ScenarioContext,
): SubjectScenario {
  const { rng } = ctx;
  const ownPurposes = [...POPULATION_PURPOSES[population]];
  if (population === 'visitor' && rng.chance(0.3)) ownPurposes.push('marketing');
  const covers = (p: CapturePurpose): boolean => (ownPurposes as string[]).includes(p);
  const consent = (over: Partial<ScenarioConsent> = {}): ScenarioConsent => ({
    givenAt: before(ctx),
    purposes: ownPurposes,
    method: rng.chance(0.7) ? 'written' : 'electronic',
    separateConsent: true,
    guardianConsent: rng.chance(0.5) ? false : null,
    subjectBirthDate: rng.chance(0.3) ? adultBirthDate(rng) : null,
    withdrawnAt: null,
    // Some valid consents carry an expiry after the window; it must not matter.
    expiresAt: rng.chance(0.3) ? ctx.end + (30 + rng.int(700)) * DAY : null,
    noticeVersion: rng.chance(0.6) ? rng.pick(['v2019.03', 'v2020.01']) : null,
    ...over,
  });
  const base = { subjectRef, population, siteId, kind };
  // Reasons reached once a record survives steps 1-4: the purpose check comes first.
  const purposeOr = (p: CapturePurpose, reason: FindingReason | null): FindingReason | null =>
    covers(p) ? reason : 'PURPOSE_NOT_COVERED';
  // The law at the capture's time: separate consent (PIPL art. 29) and a guardian's consent (PIPL art. 31)
  // are requirements only from the PIPL's entry into force; before it a verbal or bundled consent is consent.
  const separateRequired = (t: number): boolean => t >= ctx.law.separateConsentFrom;
  const guardianRequired = (t: number): boolean => t >= ctx.law.guardianConsentFrom;
  // A law's entry into force is an anchor when it falls inside the window and changes this subject's verdict.
  const lawAnchor = (at: number, changes: boolean): number[] =>
    changes && at > ctx.start && at < ctx.end ? [at] : [];

  switch (kind) {
    case 'none':
      return { ...base, consents: [], anchors: [], expect: () => 'NO_CONSENT' };
    case 'valid':
      return { ...base, consents: [consent()], anchors: [], expect: (_t, p) => purposeOr(p, null) };
    case 'given_after': {
      const g = inside(ctx);
      return {
        ...base,
        consents: [consent({ givenAt: g })],
        anchors: [g],
        expect: (t, p) => (t < g ? 'CONSENT_AFTER_CAPTURE' : purposeOr(p, null)),
      };
    }
    case 'withdrawn': {
      const w = inside(ctx);
      return {
        ...base,
        consents: [consent({ withdrawnAt: w, expiresAt: null })],
        anchors: [w],
        expect: (t, p) => (t >= w ? 'CONSENT_WITHDRAWN' : purposeOr(p, null)),
      };
    }
    case 'expired': {
      const e = inside(ctx);
      return {
        ...base,
        consents: [consent({ expiresAt: e })],
        anchors: [e],
        expect: (t, p) => (t >= e ? 'CONSENT_EXPIRED' : purposeOr(p, null)),
      };
    }
    case 'other_purpose': {
      const purposes = [...UNRELATED_PURPOSES[population]];
      return {
        ...base,
        consents: [consent({ purposes })],
        anchors: [],
        expect: (_t, p) => ((purposes as string[]).includes(p) ? null : 'PURPOSE_NOT_COVERED'),
      };
    }
    case 'notice_only':
      // A notice is no consent under any law in force.
      return {
        ...base,
        consents: [consent({ method: 'notice_only', separateConsent: rng.chance(0.5) })],
        anchors: [],
        expect: (_t, p) => purposeOr(p, 'NO_EXPRESS_CONSENT'),
      };
    case 'verbal':
    case 'not_separate': {
      const over: Partial<ScenarioConsent> =
        kind === 'verbal' ? { method: 'verbal', separateConsent: true } : { separateConsent: false };
      return {
        ...base,
        consents: [consent(over)],
        anchors: lawAnchor(ctx.law.separateConsentFrom, true),
        expect: (t, p) => purposeOr(p, separateRequired(t) ? 'NOT_SEPARATE_CONSENT' : null),
      };
    }
    case 'minor_no_guardian': {
      const { birthDate, at } = turns14Inside(ctx);
      return {
        ...base,
        consents: [consent({ subjectBirthDate: birthDate, guardianConsent: false })],
        anchors:
          at > ctx.law.guardianConsentFrom ? [...lawAnchor(ctx.law.guardianConsentFrom, true), at] : [],
        expect: (t, p) =>
          purposeOr(p, guardianRequired(t) && t < at ? 'MINOR_WITHOUT_GUARDIAN_CONSENT' : null),
      };
    }
    case 'minor_guardian': {
      const birthDate = `${2008 + rng.int(4)}-0${1 + rng.int(9)}-1${rng.int(10)}`;
      return {
        ...base,
        consents: [consent({ subjectBirthDate: birthDate, guardianConsent: true })],
        anchors: [],
        expect: (_t, p) => purposeOr(p, null),
      };
    }
    case 'renewed_after_expiry': {
      // Record 1 expires at e; record 2 is only given at g > e. Between them record 1 is the last
      // candidate standing and falls at the expiry step (record 2 fell earlier, at step 2).
      const a = inside(ctx);
      const b = inside(ctx);
      const e = Math.min(a, b);
      const g = Math.max(a, b) + SECOND;
      return {
        ...base,
        consents: [consent({ expiresAt: e }), consent({ givenAt: g, expiresAt: null })],
        anchors: [e, g],
        expect: (t, p) => (t >= e && t < g ? 'CONSENT_EXPIRED' : purposeOr(p, null)),
      };
    }
    case 'verbal_then_written': {
      const g = inside(ctx);
      return {
        ...base,
        consents: [consent({ method: 'verbal' }), consent({ givenAt: g })],
        anchors: g > ctx.law.separateConsentFrom ? [...lawAnchor(ctx.law.separateConsentFrom, true), g] : [],
        expect: (t, p) => purposeOr(p, t < g && separateRequired(t) ? 'NOT_SEPARATE_CONSENT' : null),
      };
    }
    case 'conflicting_birth_dates': {
      // Two otherwise valid records; one says adult, the other says 14 only at `at`. Any record showing
      // a minor makes the subject a minor, and neither carries a guardian's consent.
      const { birthDate, at } = turns14Inside(ctx);
      return {
        ...base,
        consents: [
          consent({ subjectBirthDate: adultBirthDate(rng), guardianConsent: false }),
          consent({ subjectBirthDate: birthDate, guardianConsent: false }),
        ],
        anchors:
          at > ctx.law.guardianConsentFrom ? [...lawAnchor(ctx.law.guardianConsentFrom, true), at] : [],
        expect: (t, p) =>
          purposeOr(p, guardianRequired(t) && t < at ? 'MINOR_WITHOUT_GUARDIAN_CONSENT' : null),
      };
    }
  }
}

/** Exact subject counts per kind: largest remainder over the shares, at least one each when possible. */
export function scenarioCounts(subjects: number): Record<ScenarioKind, number> {
  const total = SCENARIO_KINDS.reduce((s, k) => s + SCENARIO_SHARES[k], 0);
  const counts = {} as Record<ScenarioKind, number>;
  const floor = subjects >= SCENARIO_KINDS.length ? 1 : 0;
  let left = subjects - floor * SCENARIO_KINDS.length;
  const remainders: [ScenarioKind, number][] = [];
  for (const k of SCENARIO_KINDS) {
    const exact = (left * SCENARIO_SHARES[k]) / total;
    counts[k] = floor + Math.floor(exact);
    remainders.push([k, exact - Math.floor(exact)]);
  }
  left = subjects - SCENARIO_KINDS.reduce((s, k) => s + counts[k], 0);
  remainders.sort((x, y) => y[1] - x[1] || SCENARIO_KINDS.indexOf(x[0]) - SCENARIO_KINDS.indexOf(y[0]));
  for (let i = 0; i < left; i++) counts[remainders[i % remainders.length][0]]++;
  return counts;
}
