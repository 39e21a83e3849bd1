export type {
  LegalConfidence,
  LegalInstrument,
  ArticleRef,
  LegalRequirement,
  LawPeriod,
  AplTopic,
} from './law.types';
export { APL_TOPICS } from './law.types';
/** Error codes of this lib. */
export { LAW_ERRORS } from './law.errors';
export type { LawErrorCode } from './law.errors';
/** Chinese instruments, articles and law periods (the dated table). */
export { CN_INSTRUMENTS } from './cn/instruments';
export { CN_ARTICLES } from './cn/articles';
export { CN_LAW_PERIODS } from './cn/periods';
/** The APL article on a topic in the version in force on a date. */
export { aplArticle, APL_2021_IN_FORCE, appealArticles, ARL_2023_IN_FORCE } from './cn/apl-articles';
/** Look-ups over the table: instruments, periods, requirements, legal basis, the detection schedule. */
export {
  CN_LAW_ZONE,
  instrument,
  lawPeriodOf,
  lawPeriod,
  chinaDate,
  requirementFor,
  consentLawSchedule,
  legalBasisFor,
} from './law-table';
export type { ConsentLawSchedule, PeriodLegalBasis } from './law-table';
