import type { BilingualText } from '@app/common';
import type { Confidence } from '../../core/parameters';
import parameters from './parameters.json';

/** Topics of the Administrative Penalty Law whose article numbers changed with the 2021 revision. */
export type AplTopic =
  | 'proportionality'
  | 'oneActOneFine'
  | 'mandatoryLighter'
  | 'noPenalty'
  | 'limitation'
  | 'lawInForce';

interface Versioned {
  from: string;
  en: string;
  zh: string;
}
interface ArticleTable {
  versions: Versioned[];
  topics: Record<AplTopic, { pre2021: [string, string] | null; from2021: [string, string] }>;
  confidence: { pre2021: Confidence; from2021: Confidence };
  legislationLaw: Versioned[];
}

const TABLE = (parameters as unknown as { articles: ArticleTable }).articles;
/** The 2021 revision of the APL took effect on this date (its art. 86). */
export const APL_2021_FROM = '2021-07-15';

/** A dated citation: the text in both languages and how sure the article number is. */
export interface DatedCitation extends BilingualText {
  confidence: Confidence;
}

function inForce<T extends { from: string }>(rows: readonly T[], date: string): T | null {
  let found: T | null = null;
  for (const r of rows) if (r.from <= date) found = r;
  return found;
}

/**
 * The APL article for a topic in the APL text in force on `date` (the 1996 text as amended in 2009 and 2017,
 * or the 2021 revision). Before 2021-07-15 the law in force is settled by the Legislation Law's
 * non-retroactivity clause, which the APL itself did not yet contain.
 */
export function aplCite(topic: AplTopic, date: string): DatedCitation {
  const version = inForce(TABLE.versions, date) ?? TABLE.versions[0];
  const modern = date >= APL_2021_FROM;
  const article = modern ? TABLE.topics[topic].from2021 : TABLE.topics[topic].pre2021;
  if (article === null) {
    const ll = inForce(TABLE.legislationLaw, date) ?? TABLE.legislationLaw[0];
    return { en: `${ll.en} [U]`, zh: `${ll.zh}（未经核实）`, confidence: 'U' };
  }
  const confidence = modern ? TABLE.confidence.from2021 : TABLE.confidence.pre2021;
  const mark = confidence === 'U' ? { en: ' [U]', zh: '（条文序号未经核实）' } : { en: '', zh: '' };
  return {
    en: `${version.en} ${article[0]}${mark.en}`,
    zh: `${version.zh}${article[1]}${mark.zh}`,
    confidence,
  };
}

/** The APL text in force on `date`, as a title. */
export function aplVersion(date: string): BilingualText {
  const v = inForce(TABLE.versions, date) ?? TABLE.versions[0];
  return { en: v.en, zh: v.zh };
}
