import type { BilingualText } from '@app/common';
import type { CaseFileDecision } from '../case-file.types';

/** The articles the notice cites, in the versions in force on the decision date (from @app/law). */
export interface AppealArticleLabels {
  /** 60 days: Administrative Reconsideration Law art. 9 (to 2023) or art. 20 (from 2024-01-01). */
  reconsideration: BilingualText;
  /** Six months: Administrative Litigation Law art. 46. */
  litigation: BilingualText;
  /** No suspension of a penalty: APL (2017) art. 45 or APL (2021) art. 73. */
  noSuspension: BilingualText;
}

/**
 * The default notice of the party's rights of appeal. It is a template: the issuing authority confirms it
 * (and names the reconsideration body and the court) before signing, because both depend on the case. The
 * articles are the caller's, dated by the decision; no suspension concerns a penalty, so a decision not to
 * impose one leaves that paragraph out.
 */
export function defaultAppealRights(
  authorityName: BilingualText,
  outcome: CaseFileDecision['outcome'],
  articles: AppealArticleLabels,
): BilingualText[] {
  const fine = outcome === 'fine';
  const what = fine
    ? { zh: '本行政处罚决定', en: 'this administrative penalty decision' }
    : { zh: '本不予行政处罚决定', en: 'this decision not to impose an administrative penalty' };
  const rights: BilingualText[] = [
    {
      zh:
        `当事人如不服${authorityName.zh}作出的${what.zh}，可以自知道或者应当知道该行政行为之日起六十日内，` +
        `依照${articles.reconsideration.zh}的规定申请行政复议；`,
      en:
        `If the party does not accept ${what.en} of ${authorityName.en}, it may apply ` +
        'for administrative reconsideration within 60 days of the day it knew or should have known of the ' +
        `decision (${articles.reconsideration.en});`,
    },
    {
      zh: `也可以自知道或者应当知道作出行政行为之日起六个月内，依照${articles.litigation.zh}的规定直接向人民法院提起行政诉讼。`,
      en:
        "or it may bring administrative proceedings directly before the people's court within six months of " +
        `the day it knew or should have known of the decision (${articles.litigation.en}).`,
    },
  ];
  if (fine) {
    rights.push({
      zh: `行政复议或者行政诉讼期间，行政处罚不停止执行，法律另有规定的除外（${articles.noSuspension.zh}）。`,
      en:
        'The penalty is not suspended during reconsideration or litigation unless the law provides otherwise ' +
        `(${articles.noSuspension.en}).`,
    });
  }
  rights.push({
    zh: '本告知为模板文本，复议机关和管辖法院由执法机关在签发前确认并填写。',
    en:
      'This notice is a template: the issuing authority confirms it and names the reconsideration body and ' +
      'the competent court before signing.',
  });
  return rights;
}
