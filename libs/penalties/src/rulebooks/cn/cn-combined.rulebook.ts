import { DomainError, isDomainError, type BilingualText } from '@app/common';
import { PENALTY_ERRORS } from '../../penalties.errors';
import type { AssessOptions, Rulebook, RulebookInfo, RulebookResult } from '../../core/assessment';
import type { PenaltyFacts } from '../../core/facts';
import { show } from '../../core/rounding';
import { biNode } from '../../core/trace';
import { aplCite } from '../cn-apl/apl-articles';
import { conductLawDate } from '../cn-apl/applicability';

/** Errors meaning "this rulebook does not govern these facts", as opposed to a defect. */
const NOT_GOVERNING: readonly string[] = [
  PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
  PENALTY_ERRORS.NO_PARAMETER_IN_FORCE,
];

const VERSION = '2.1.0';

const title = (b: Rulebook): BilingualText => b.info.titleText ?? { en: b.info.title, zh: b.info.title };

/**
 * China's default rulebook: one act that breaks several rules carrying fines gets one fine, under the rule
 * with the higher fine (APL 2021 art. 29; 1996 text art. 24). "Higher fine" is read as the higher statutory
 * maximum for these facts, then the higher proposal; a full tie goes to the earlier candidate (laws before
 * regulations, the special PI law first). The reading is stated in every assessment.
 */
export class CnCombinedRulebook implements Rulebook {
  readonly info: RulebookInfo;

  constructor(private readonly candidates: readonly Rulebook[]) {
    this.info = {
      id: 'cn',
      version: `${VERSION}+${candidates.map((c) => `${c.info.id}@${c.info.version}`).join(',')}`,
      jurisdiction: 'CN',
      title: 'China — CRPL 56, PIPL 66 and NDSMR 55 combined under APL art. 29 (one fine, the higher rule)',
      titleText: {
        en: 'China — one fine for one act under the rule with the higher fine (CRPL art. 56, PIPL art. 66, Network Data Regulations art. 55)',
        zh: '中国——一事不二罚，按罚款数额高的规定处罚（《消费者权益保护法》第五十六条、《个人信息保护法》第六十六条、《网络数据安全管理条例》第五十五条）',
      },
      currency: 'CNY',
      validFrom: candidates.map((c) => c.info.validFrom).reduce((a, b) => (a < b ? a : b)),
      isDefault: true,
      summary: 'Runs every Chinese rulebook that governs the facts and applies the one with the higher fine',
    };
  }

  assess(facts: PenaltyFacts, options: AssessOptions = {}): RulebookResult {
    const ran: { book: Rulebook; result: RulebookResult }[] = [];
    const skipped: { book: Rulebook; reason: string }[] = [];
    for (const book of this.candidates) {
      try {
        ran.push({ book, result: book.assess(facts, options) });
      } catch (e) {
        if (isDomainError(e) && NOT_GOVERNING.includes(e.code)) skipped.push({ book, reason: e.message });
        else throw e;
      }
    }
    if (ran.length === 0) {
      throw new DomainError(
        PENALTY_ERRORS.RULEBOOK_NOT_APPLICABLE,
        `cn: no Chinese rulebook governs these facts (${skipped.map((s) => s.reason).join('; ')})`,
        { rulebook: 'cn', skipped: skipped.map((s) => s.reason) },
      );
    }
    const ranked = [...ran].sort(
      (a, b) =>
        b.result.max.comparedTo(a.result.max) ||
        b.result.amount.comparedTo(a.result.amount) ||
        this.candidates.indexOf(a.book) - this.candidates.indexOf(b.book),
    );
    const winner = ranked[0];
    const lawDate = winner.result.lawApplied?.lighterNewLaw ? facts.decisionDate : conductLawDate(facts);
    const cite = aplCite('oneActOneFine', lawDate);
    const citation = {
      en: `${cite.en} (one act, one fine: the rule with the higher fine)`,
      zh: `${cite.zh}（同一个违法行为不得给予两次以上罚款，按照罚款数额高的规定处罚）`,
    };
    const candidates = ranked.map(({ book, result }) =>
      biNode(
        `apl29.candidate.${book.info.id}`,
        {
          en: `${title(book).en}: range ${show(result.min)}–${show(result.max)}, proposal ${show(result.amount)} (${result.tierLabel?.en ?? result.tier})`,
          zh: `${title(book).zh}：幅度${show(result.min)}至${show(result.max)}元，拟处${show(result.amount)}元（${result.tierLabel?.zh ?? result.tier}）`,
        },
        title(book),
        show(result.max),
      ),
    );
    const notGoverning = skipped.map(({ book }) => {
      const t = title(book);
      return {
        en: `${t.en} does not govern (it was not in force for the conduct's dates or none of its duties is breached)`,
        zh: `${t.zh}不适用（违法行为发生时尚未施行，或未违反其规定的义务）`,
      };
    });
    const choice = biNode(
      'apl29.choice',
      {
        en:
          `One act, one fine: the rule with the higher maximum for these facts applies — ${title(winner.book).en}` +
          (notGoverning.length ? `; ${notGoverning.map((x) => x.en).join('; ')}` : ''),
        zh:
          `同一违法行为只处一次罚款，适用对该事实罚款上限较高的规定：${title(winner.book).zh}` +
          (notGoverning.length ? `；${notGoverning.map((x) => x.zh).join('；')}` : ''),
      },
      citation,
      title(winner.book),
      candidates,
    );
    const also = ranked.slice(1);
    return {
      ...winner.result,
      trace: biNode(
        'cn.fine',
        winner.result.outcome === 'no-penalty' || winner.result.outcome === 'time-barred'
          ? {
              en: `No penalty under ${title(winner.book).en} (${winner.result.tierLabel?.en ?? winner.result.tier})`,
              zh: `依照${title(winner.book).zh}不予处罚（${winner.result.tierLabel?.zh ?? winner.result.tier}）`,
            }
          : {
              en: `Fine under ${title(winner.book).en}, chosen by the rule "one act, one fine"`,
              zh: `依照${title(winner.book).zh}处罚（一事不二罚，择重适用）`,
            },
        citation,
        show(winner.result.amount),
        [choice, winner.result.trace],
      ),
      decidedBy: winner.result.decidedBy ?? { id: winner.book.info.id, title: title(winner.book) },
      notes: [
        ...winner.result.notes,
        ...(also.length
          ? [
              {
                en: `The one-act-one-fine rule is read as "the rule with the higher statutory maximum for these facts" (then the higher proposal); also applicable: ${also
                  .map(
                    (r) =>
                      `${title(r.book).en} (maximum ${show(r.result.max)}, proposal ${show(r.result.amount)})`,
                  )
                  .join(', ')}.`,
                zh: `“按照罚款数额高的规定处罚”理解为对该事实法定罚款上限较高的规定（上限相同时取拟处数额较高者）；同时适用的还有：${also
                  .map(
                    (r) =>
                      `${title(r.book).zh}（上限${show(r.result.max)}元，拟处${show(r.result.amount)}元）`,
                  )
                  .join('、')}。`,
              },
            ]
          : []),
      ],
    };
  }
}
