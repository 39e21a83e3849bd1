import { cite, citeWith } from './cn-sources';

/**
 * The articles the CN general procedure cites, by the rule they ground. APL 2021 articles were read in the text of
 * the law (国家法律法规数据库 copy): '(n)' after an article number is a paragraph and a second '(n)' an item, except in
 * art. 64, which has items only and is cited with its Chinese item reference (第六十四条第（一）项).
 */
export const APL = {
  limitation: cite('cn-apl-2021', '36(1)', 'P'),
  transferCrime: cite('cn-apl-2021', '57(1)(4)', 'P'),
  noPenalty: cite('cn-apl-2021', '33(1)', 'P'),
  twoOfficers: cite('cn-apl-2021', '42(1)', 'P'),
  notice: cite('cn-apl-2021', '44', 'P'),
  noHeavier: cite('cn-apl-2021', '45(2)', 'P'),
  publication: cite('cn-apl-2021', '48(1)', 'P'),
  filing: cite('cn-apl-2021', '54(2)', 'P'),
  headDecides: cite('cn-apl-2021', '57(1)', 'P'),
  collective: cite('cn-apl-2021', '57(2)', 'P'),
  legalReview: cite('cn-apl-2021', '58(1)', 'P'),
  decisionContents: cite('cn-apl-2021', '59', 'P'),
  decisionTime: cite('cn-apl-2021', '60', 'P'),
  service: citeWith(cite('cn-apl-2021', '61(1)', 'P'), cite('cn-apl-2021', '85', 'P')),
  electronicService: cite('cn-apl-2021', '61(2)', 'P'),
  heardFirst: cite('cn-apl-2021', '62', 'P'),
  hearingRight: cite('cn-apl-2021', '63(1)', 'P'),
  hearingRequest: citeWith(
    cite('cn-apl-2021', '64(1)', 'P', '第六十四条第（一）项'),
    cite('cn-apl-2021', '85', 'P'),
  ),
  hearingNotice: citeWith(
    cite('cn-apl-2021', '64(2)', 'P', '第六十四条第（二）项'),
    cite('cn-apl-2021', '85', 'P'),
  ),
  hearingHost: cite('cn-apl-2021', '64(4)', 'P', '第六十四条第（四）项'),
  hearingRecord: cite('cn-apl-2021', '65', 'P'),
  payment: cite('cn-apl-2021', '67(3)', 'P'),
  proportionality: cite('cn-apl-2021', '5(2)', 'P'),
};
export const SAMR = {
  filing: cite('cn-samr-procedure', '18(1)', 'P'),
  filingConditions: cite('cn-samr-procedure', '19(1)', 'P'),
  handlers: cite('cn-samr-procedure', '19(2)', 'P'),
  statement: cite('cn-samr-procedure', null, 'U'),
  extension: cite('cn-samr-procedure', null, 'U'),
  withdrawal: cite('cn-samr-procedure', null, 'U'),
  serviceMethods: cite('cn-samr-procedure', null, 'U'),
  publication: cite('cn-samr-publicity', '9', 'P'),
};
