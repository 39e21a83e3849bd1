import type { BilingualText } from '@app/common';
import { aplArticle } from '@app/law';
import type { Confidence } from '../../core/parameters';
import parameters from './parameters.json';

/** Topics of the Administrative Penalty Law whose article numbers changed with the 2021 revision. */
export type AplTopic =
  | 'proportionality'
  | 'correction'
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
  legislationLaw: Versioned[];
}

const TABLE = (parameters as unknown as { articles: ArticleTable }).articles;

/** A dated citation: the text in both languages and how sure the article number is. */
export interface DatedCitation extends BilingualText {
  confidence: Confidence;
}

function inForce<T extends { from: string }>(rows: readonly T[], date: string): T {
  let found: T = rows[0];
  for (const r of rows) if (r.from <= date) found = r;
  return found;
}

/**
 * The APL article for a topic in the APL text in force on `date` (the 1996 text as amended in 2009 and 2017,
 * or the 2021 revision), numbered by @app/law and titled with the version. Before 2021-07-15 the law in
 * force is settled by the Legislation Law's non-retroactivity clause, which the APL did not yet contain.
 */
export function aplCite(topic: AplTopic, date: string): DatedCitation {
  const ref = aplArticle(topic, date);
  if (ref === null) {
    const ll = inForce(TABLE.legislationLaw, date);
    return { en: `${ll.en} [U]`, zh: `${ll.zh}（未经核实）`, confidence: 'U' };
  }
  const version = inForce(TABLE.versions, date);
  const zhNumber = ref.label.zh.replace(/^《行政处罚法》(（[^）]*）)?/, '');
  const unconfirmed = ref.confidence === 'U';
  return {
    en: `${version.en} art. ${ref.article}${unconfirmed ? ' [U]' : ''}`,
    zh: `${version.zh}${zhNumber}${unconfirmed ? '（条文序号未经核实）' : ''}`,
    confidence: ref.confidence,
  };
}

/** The APL text in force on `date`, as a title. */
export function aplVersion(date: string): BilingualText {
  const v = inForce(TABLE.versions, date);
  return { en: v.en, zh: v.zh };
}
