import type { AplTopic, ArticleRef } from '../law.types';

type Entry = Pick<ArticleRef, 'article' | 'text' | 'confidence'> & { zhNumber: string };

/**
 * The Administrative Penalty Law's articles by topic, in the 1996 text as amended in 2009 and 2017 (in force
 * until 2021-07-14; read in the text of the 2017 amendment, source 国家法律法规数据库) and in the 2021 revision
 * (in force from 2021-07-15; legal-facts.md §1.10 and addendum 2 G). A topic absent from the older text
 * (art. 37, the law in force) is `null` there.
 */
const APL_2017: Readonly<Record<AplTopic, Entry | null>> = {
  proportionality: {
    article: '4(2)',
    zhNumber: '第四条第二款',
    text: {
      zh: '设定和实施行政处罚必须以事实为依据，与违法行为的事实、性质、情节以及社会危害程度相当。',
      en: 'A penalty must rest on the facts and match the facts, nature, circumstances and social harm of the act.',
    },
    confidence: 'P',
  },
  correction: {
    article: '23',
    zhNumber: '第二十三条',
    text: {
      zh: '行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。',
      en: 'When imposing a penalty the authority orders the party to correct the act, at once or by a deadline.',
    },
    confidence: 'P',
  },
  oneActOneFine: {
    article: '24',
    zhNumber: '第二十四条',
    text: {
      zh: '对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。',
      en: 'One illegal act of a party may not be fined more than once.',
    },
    confidence: 'P',
  },
  mandatoryLighter: {
    article: '27(1)',
    zhNumber: '第二十七条第一款',
    text: {
      zh: '主动消除或者减轻违法行为危害后果、受他人胁迫、配合查处有立功表现等情形的，应当依法从轻或者减轻行政处罚。',
      en: 'A party who actively removed or reduced the harm, was coerced, or helped the investigation with merit must be punished more lightly or below the range.',
    },
    confidence: 'P',
  },
  noPenalty: {
    article: '27(2)',
    zhNumber: '第二十七条第二款',
    text: {
      zh: '违法行为轻微并及时纠正，没有造成危害后果的，不予行政处罚。',
      en: 'A minor violation corrected in time without harmful consequences is not punished.',
    },
    confidence: 'P',
  },
  limitation: {
    article: '29',
    zhNumber: '第二十九条',
    text: {
      zh: '违法行为在二年内未被发现的，不再给予行政处罚；期限从违法行为发生之日起计算，违法行为有连续或者继续状态的，从行为终了之日起计算。',
      en: 'An act not discovered within two years is no longer punished; the period runs from the act, or from its end if it is continuing.',
    },
    confidence: 'P',
  },
  lawInForce: null,
  notice: {
    article: '31',
    zhNumber: '第三十一条',
    text: {
      zh: '作出行政处罚决定之前，应当告知当事人作出行政处罚决定的事实、理由及依据，并告知当事人依法享有的权利。',
      en: 'Before deciding, the authority tells the party the facts, reasons and basis of the decision and the party’s rights.',
    },
    confidence: 'P',
  },
  defenceNoHeavier: {
    article: '32(2)',
    zhNumber: '第三十二条第二款',
    text: { zh: '行政机关不得因当事人申辩而加重处罚。', en: 'A defence may not lead to a heavier penalty.' },
    confidence: 'P',
  },
  legalReview: {
    article: '38(3)',
    zhNumber: '第三十八条第三款',
    text: {
      zh: '在行政机关负责人作出决定之前，应当由从事行政处罚决定审核的人员进行审核。',
      en: 'Before the head decides, the decision is reviewed by the staff who review penalty decisions.',
    },
    confidence: 'P',
  },
  decisionContents: {
    article: '39',
    zhNumber: '第三十九条',
    text: {
      zh: '行政处罚决定书应当载明当事人、违法事实和证据、处罚种类和依据、履行方式和期限、救济途径和期限、作出决定的机关和日期，并加盖印章。',
      en: 'The decision states the party, facts and evidence, penalty and basis, how and when to comply, the routes and time limits of appeal, the authority and the date, under seal.',
    },
    confidence: 'P',
  },
  service: {
    article: '40',
    zhNumber: '第四十条',
    text: {
      zh: '行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，应当在七日内送达。',
      en: 'The decision is handed over when announced, or served within seven days.',
    },
    confidence: 'P',
  },
  hearing: {
    article: '42',
    zhNumber: '第四十二条',
    text: {
      zh: '作出责令停产停业、吊销许可证或者执照、较大数额罚款等决定之前，应当告知当事人有要求举行听证的权利；当事人应当在告知后三日内提出。',
      en: 'Before suspending business, revoking a licence or imposing a large fine, the party is told of its right to a hearing, to be requested within three days.',
    },
    confidence: 'P',
  },
  noSuspension: {
    article: '45',
    zhNumber: '第四十五条',
    text: {
      zh: '当事人对行政处罚决定不服申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外。',
      en: 'A penalty is not suspended during reconsideration or litigation unless the law provides otherwise.',
    },
    confidence: 'P',
  },
  payment: {
    article: '46(3)',
    zhNumber: '第四十六条第三款',
    text: {
      zh: '当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行缴纳罚款。',
      en: 'The fine is paid at the designated bank within fifteen days of receiving the decision.',
    },
    confidence: 'P',
  },
};

const APL_2021: Readonly<Record<AplTopic, Entry>> = {
  proportionality: {
    article: '5(2)',
    zhNumber: '第五条第二款',
    text: APL_2017.proportionality!.text,
    confidence: 'P',
  },
  correction: {
    article: '28(1)',
    zhNumber: '第二十八条第一款',
    text: APL_2017.correction!.text,
    confidence: 'P',
  },
  oneActOneFine: {
    article: '29',
    zhNumber: '第二十九条',
    text: {
      zh: '对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚；同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。',
      en: 'One act is fined once; where it breaks several rules carrying fines, the rule with the higher fine applies.',
    },
    confidence: 'P',
  },
  mandatoryLighter: {
    article: '32',
    zhNumber: '第三十二条',
    text: APL_2017.mandatoryLighter!.text,
    confidence: 'P',
  },
  noPenalty: {
    article: '33(1)',
    zhNumber: '第三十三条第一款',
    text: {
      zh: '违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚。',
      en: 'A minor violation corrected in time without harmful consequences is not punished; a first violation with slight harm corrected in time may go unpunished.',
    },
    confidence: 'P',
  },
  limitation: {
    article: '36',
    zhNumber: '第三十六条',
    text: {
      zh: '违法行为在二年内未被发现的，不再给予行政处罚（涉及公民生命健康安全、金融安全且有危害后果的，延长至五年）；期限从违法行为发生之日起计算，违法行为有连续或者继续状态的，从行为终了之日起计算。',
      en: 'An act not discovered within two years (five where life, health or financial security is harmed) is no longer punished; the period runs from the act, or from its end if it is continuing.',
    },
    confidence: 'P',
  },
  lawInForce: {
    article: '37',
    zhNumber: '第三十七条',
    text: {
      zh: '实施行政处罚，适用违法行为发生时的法律、法规、规章的规定；但是，作出行政处罚决定时，法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。',
      en: 'A penalty applies the law in force when the act was committed, unless at the decision the law has changed and the new rule is lighter or no longer treats the act as illegal.',
    },
    confidence: 'S',
  },
  notice: {
    article: '44',
    zhNumber: '第四十四条',
    text: {
      zh: '作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。',
      en: 'Before deciding, the authority notifies the proposed penalty, its facts, reasons and basis, and the rights to state, defend and ask for a hearing.',
    },
    confidence: 'S',
  },
  defenceNoHeavier: {
    article: '45(2)',
    zhNumber: '第四十五条第二款',
    text: APL_2017.defenceNoHeavier!.text,
    confidence: 'S',
  },
  legalReview: {
    article: '58',
    zhNumber: '第五十八条',
    text: {
      zh: '涉及重大公共利益、案件情况疑难复杂、经过听证程序等情形的，作出决定之前应当进行法制审核。',
      en: 'Cases of major public interest, complex cases and cases that went to a hearing are reviewed by the legal section before the decision.',
    },
    confidence: 'S',
  },
  decisionContents: {
    article: '59',
    zhNumber: '第五十九条',
    text: APL_2017.decisionContents!.text,
    confidence: 'S',
  },
  service: {
    article: '61',
    zhNumber: '第六十一条',
    text: APL_2017.service!.text,
    confidence: 'S',
  },
  hearing: {
    article: '63–64',
    zhNumber: '第六十三条、第六十四条',
    text: {
      zh: '拟作出较大数额罚款等行政处罚决定的，应当告知当事人有要求听证的权利；当事人要求听证的，应当在行政机关告知后五日内提出。',
      en: 'Before a large fine or similar penalty the party is told of its right to a hearing, to be requested within five days of the notice.',
    },
    confidence: 'S',
  },
  noSuspension: {
    article: '73',
    zhNumber: '第七十三条',
    text: APL_2017.noSuspension!.text,
    confidence: 'S',
  },
  payment: {
    article: '67(3)',
    zhNumber: '第六十七条第三款',
    text: {
      zh: '当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。',
      en: 'The fine is paid at the designated bank or by electronic payment within fifteen days of receiving the decision.',
    },
    confidence: 'S',
  },
};

/** The date the 2021 revision of the APL entered into force. */
export const APL_2021_IN_FORCE = '2021-07-15';

/** The day the 2023 revision of the Administrative Reconsideration Law entered into force (art. 9 → art. 20). */
export const ARL_2023_IN_FORCE = '2024-01-01';

/**
 * The articles a decision cites for the party's routes of appeal, in the versions in force on the decision
 * date: reconsideration within 60 days (ARL 1999/2017 art. 9; ARL 2023 art. 20), a lawsuit within six months
 * (ALL art. 46, from the 2014 amendment in force 2015-05-01; null before, not modelled).
 */
export function appealArticles(date: string): { reconsideration: ArticleRef; litigation: ArticleRef | null } {
  const modern = date >= ARL_2023_IN_FORCE;
  const n = modern ? { article: '20', zh: '第二十条' } : { article: '9', zh: '第九条' };
  return {
    reconsideration: {
      instrument: modern ? 'cn-arl-2023' : 'cn-arl-2017',
      article: n.article,
      label: {
        zh: `《中华人民共和国行政复议法》${n.zh}`,
        en: `Administrative Reconsideration Law of the PRC, art. ${n.article}`,
      },
      text: {
        zh: '认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请。',
        en: 'Reconsideration may be applied for within 60 days of knowing, or when one should have known, of the act.',
      },
      confidence: 'S',
    },
    litigation:
      date >= '2015-05-01'
        ? {
            instrument: 'cn-all-2017',
            article: '46',
            label: {
              zh: '《中华人民共和国行政诉讼法》第四十六条',
              en: 'Administrative Litigation Law of the PRC, art. 46',
            },
            text: {
              zh: '直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出。',
              en: 'A lawsuit is brought within six months of knowing, or when one should have known, of the act.',
            },
            confidence: 'S',
          }
        : null,
  };
}

/**
 * The APL article on `topic` in the version in force on `date` (YYYY-MM-DD); null where that version has no
 * such article (art. 37 on the law in force is new in 2021).
 */
export function aplArticle(topic: AplTopic, date: string): ArticleRef | null {
  const modern = date >= APL_2021_IN_FORCE;
  const e = modern ? APL_2021[topic] : APL_2017[topic];
  if (e === null) return null;
  const instrument = modern ? 'cn-apl-2021' : 'cn-apl-2017';
  return {
    instrument,
    article: e.article,
    label: modern
      ? { zh: `《行政处罚法》${e.zhNumber}`, en: `APL art. ${e.article}` }
      : { zh: `《行政处罚法》（2017年修正）${e.zhNumber}`, en: `APL (2017) art. ${e.article}` },
    text: e.text,
    confidence: e.confidence,
  };
}
