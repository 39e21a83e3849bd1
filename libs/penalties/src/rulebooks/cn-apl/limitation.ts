import type { BilingualText } from '@app/common';
import { DateTime } from 'luxon';
import type { PenaltyFacts } from '../../core/facts';
import { parameterNode } from '../../core/parameters';
import { biNode, type TraceNode } from '../../core/trace';
import { aplCite } from './apl-articles';
import { CN_APL_PARAMETERS } from './parameters';

/** The limitation check as the case file prints it (APL 2021 art. 36; 1996 text art. 29). */
export interface LimitationResult {
  conductEnded: string;
  discoveryDate: string;
  discoveryAssumed: boolean;
  deadline: string;
  barred: boolean;
  citation: BilingualText;
}

/** `date` plus whole calendar years (29 February falls back to 28 February, never a "2022-02-29"). */
export function plusYears(date: string, years: number): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  if (!d.isValid) throw new Error(`not a date: ${date}`);
  return d.plus({ years }).toISODate();
}

/**
 * APL art. 36 (1996 text art. 29): an act not discovered within two years of its end goes unpunished; a
 * continuing act counts from its end. The discovery date is a fact of the case; when it is unknown, the
 * filing date (if known) or else the decision date stands in as its latest bound, and that is stated.
 */
export function checkLimitation(
  facts: PenaltyFacts,
  lawDate: string,
): { result: LimitationResult; node: TraceNode; notes: BilingualText[] } {
  const years = CN_APL_PARAMETERS.at('limitationYears', lawDate);
  const citation = aplCite('limitation', lawDate);
  const continuing = facts.conduct.continuing === true;
  const deadline = plusYears(facts.conduct.to, Number(years.value));
  const assumedFrom = facts.discoveryDate ? null : facts.filingDate ? 'filing' : 'decision';
  const discovery = facts.discoveryDate ?? facts.filingDate ?? facts.decisionDate;
  const barred = !continuing && discovery > deadline;
  const result: LimitationResult = {
    conductEnded: facts.conduct.to,
    discoveryDate: discovery,
    discoveryAssumed: assumedFrom !== null,
    deadline,
    barred,
    citation: { en: citation.en, zh: citation.zh },
  };
  const assumedText: BilingualText | null =
    assumedFrom === null
      ? null
      : assumedFrom === 'filing'
        ? {
            zh: `发现日期不详，以立案日期${discovery}作为发现日期`,
            en: `discovery date unknown: the filing date ${discovery} is taken as the discovery date`,
          }
        : {
            zh: `发现日期不详，以决定日期${discovery}作为发现日期`,
            en: `discovery date unknown: the decision date ${discovery} is taken as the discovery date`,
          };
  const description: BilingualText = continuing
    ? {
        zh: `违法行为仍在继续，追责时效尚未起算（发现日期${discovery}）`,
        en: `The conduct is still continuing, so the limitation period has not started (discovered ${discovery})`,
      }
    : {
        zh: `违法行为于${facts.conduct.to}终了，${years.value}年追责时效至${deadline}届满；发现日期${discovery}${assumedFrom ? '（推定）' : ''}${barred ? '，已超过时效' : '，在时效内'}`,
        en: `The conduct ended on ${facts.conduct.to}; the ${years.value}-year limitation period ran to ${deadline}; discovered ${discovery}${assumedFrom ? ' (assumed)' : ''}: ${barred ? 'barred by limitation' : 'within the period'}`,
      };
  const node = biNode(
    'apl.limitation',
    description,
    { en: citation.en, zh: citation.zh },
    barred
      ? { en: 'barred by limitation', zh: '已超过追责时效' }
      : { en: 'within limitation', zh: '在追责时效内' },
    [parameterNode(years)],
  );
  const notes: BilingualText[] = [];
  if (assumedText) {
    notes.push(
      barred
        ? {
            zh: `${assumedText.zh}；如违法行为在${deadline}前已被发现，则未超过追责时效。`,
            en: `${assumedText.en}; if the act was discovered by ${deadline}, it is not time-barred.`,
          }
        : { zh: `${assumedText.zh}。`, en: `${assumedText.en}.` },
    );
  }
  return { result, node, notes };
}
