import type { BilingualText, FindingReason, SiteRule } from '@app/common';

/**
 * How sure a legal fact is, with the tags of the project's legal reference: P = read in the legal text (or a
 * faithful copy of it), S = secondary sources, U = not confirmed (printed with a mark, never used silently).
 */
export type LegalConfidence = 'P' | 'S' | 'U';

/** A law, regulation, rule or judicial interpretation, with when it was in force and where it was published. */
export interface LegalInstrument {
  id: string;
  title: BilingualText;
  /** The short name used in citations: 《个人信息保护法》 / PIPL. */
  short: BilingualText;
  issuer: BilingualText;
  /** The promulgating document, e.g. 中华人民共和国主席令第九十一号. */
  docNumber: string | null;
  /** First day in force (YYYY-MM-DD, China time). */
  inForceFrom: string;
  /** Last day in force, or null while in force. */
  inForceUntil: string | null;
  /** The original publication bioaudit cites (never a mirror's address). */
  publication: string;
  confidence: LegalConfidence;
  /** True for instruments that govern civil cases only: cited as context, never as the basis of a penalty. */
  civilOnly?: boolean;
}

/** One article (or paragraph/item) of an instrument, as the case file cites it. */
export interface ArticleRef {
  instrument: string;
  /** `29(1)`, `56(1)(9)`, `24`. */
  article: string;
  /** 《消费者权益保护法》第二十九条第一款 / CRPL art. 29(1). */
  label: BilingualText;
  /** What the article says, paraphrased. */
  text: BilingualText;
  confidence: LegalConfidence;
}

/** What a finding of one kind breaches while a given set of rules is in force. */
export interface LegalRequirement {
  id: string;
  reason: FindingReason | SiteRule;
  /** The duty, in words: 收集消费者个人信息应当经消费者同意. */
  requirement: BilingualText;
  /** How a finding breaches it, as the facts section words it. */
  breach: BilingualText;
  articles: ArticleRef[];
  /** First and last day (YYYY-MM-DD, China time) this requirement applies in this form. */
  from: string;
  until: string | null;
  confidence: LegalConfidence;
  note?: BilingualText;
}

/** A stretch of time in which the same consent rules and the same instruments are in force. */
export interface LawPeriod {
  id: string;
  from: string;
  /** Last day, or null for the period in force now. */
  until: string | null;
  label: BilingualText;
  /** Instruments (ids) whose consent rules judge captures in this period. */
  instruments: string[];
  /** Whether biometric processing needs separate consent (PIPL art. 29) in this period. */
  separateConsent: boolean;
  /** Whether processing the data of a child under `guardianConsentAge` needs a guardian's consent. */
  guardianConsent: boolean;
  /** Whether face recognition may not be the only way in (Face Recognition Measures art. 10). */
  faceOnlyAccessRule: boolean;
}

/** Topics of the Administrative Penalty Law whose article number changed with the 2021 revision. */
export const APL_TOPICS = [
  'proportionality',
  'correction',
  'oneActOneFine',
  'mandatoryLighter',
  'noPenalty',
  'limitation',
  'lawInForce',
  'notice',
  'defenceNoHeavier',
  'legalReview',
  'decisionContents',
  'service',
  'hearing',
  'noSuspension',
  'payment',
] as const;
export type AplTopic = (typeof APL_TOPICS)[number];
