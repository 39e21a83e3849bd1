import type { BilingualText } from '@app/common';
import type { RulebookResult } from '../../core/assessment';
import type { PenaltyFacts } from '../../core/facts';
import { show } from '../../core/rounding';
import { biNode, type TraceNode } from '../../core/trace';
import { aplCite, aplVersion } from './apl-articles';
import { conductLawDate } from './applicability';

/** Which law judged the act (APL 2021 art. 37, 从旧兼从轻), as the case file prints it. */
export interface LawApplied {
  conductLawDate: string;
  decisionDate: string;
  lighterNewLaw: boolean;
  text: BilingualText;
}

/**
 * APL 2021 art. 37: the law in force when the act was committed (a continuing act: when it ended) judges it,
 * unless the law in force at the decision is lighter. `run` assesses the facts with the parameters and
 * articles of one date; applicability is always judged by the conduct's own dates (a later law never makes an
 * earlier act illegal). Returns the lighter result with the comparison in its trace.
 */
export function judgeByLawInForce(
  facts: PenaltyFacts,
  run: (lawDate: string) => RulebookResult,
): RulebookResult {
  const then = conductLawDate(facts);
  const now = facts.decisionDate;
  const old = run(then);
  const atDecision = then === now ? old : run(now);
  const lighter =
    atDecision.amount.lessThan(old.amount) || (atDecision.outcome !== 'fine' && old.outcome === 'fine');
  const chosen = lighter ? atDecision : old;
  const oldLaw = aplVersion(then);
  const newLaw = aplVersion(now);
  const cite = aplCite('lawInForce', now);
  const text: BilingualText = lighter
    ? {
        zh: `违法行为终了时（${then}）适用${oldLaw.zh}，拟处罚款${show(old.amount)}元；作出决定时（${now}）的规定（${newLaw.zh}）处罚较轻（${show(atDecision.amount)}元${atDecision.outcome === 'no-penalty' ? '，不予处罚' : ''}），依从旧兼从轻原则适用新规定`,
        en: `The law at the end of the conduct (${then}, ${oldLaw.en}) gives CNY ${show(old.amount)}; the law at the decision (${now}, ${newLaw.en}) is lighter (CNY ${show(atDecision.amount)}${atDecision.outcome === 'no-penalty' ? ', no penalty' : ''}), so it applies`,
      }
    : {
        zh: `适用违法行为终了时（${then}）施行的规定（${oldLaw.zh}）；作出决定时（${now}）的规定${then === now ? '相同' : `（${newLaw.zh}）不更轻（${show(atDecision.amount)}元）`}`,
        en: `Judged by the law in force when the conduct ended (${then}, ${oldLaw.en}); the law at the decision (${now})${then === now ? ' is the same' : ` is not lighter (CNY ${show(atDecision.amount)})`}`,
      };
  const node: TraceNode = biNode(
    'apl.law-in-force',
    text,
    {
      en: `${cite.en} (the law at the time of the act, unless the new law is lighter)`,
      zh: `${cite.zh}（从旧兼从轻）`,
    },
    lighter
      ? { en: `law at the decision, ${now}`, zh: `决定时的规定（${now}）` }
      : { en: `law at the end of the conduct, ${then}`, zh: `行为终了时的规定（${then}）` },
  );
  return {
    ...chosen,
    trace: { ...chosen.trace, children: [node, ...chosen.trace.children] },
    lawApplied: { conductLawDate: then, decisionDate: now, lighterNewLaw: lighter, text },
  };
}
