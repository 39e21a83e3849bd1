/** Penalties: dated rulebooks with citations and the fine calculator (pure; no Nest, no I/O). */
export { FineCalculator } from './fine-calculator';
export { PenaltiesModule } from './penalties.module';
export { parsePenaltyFacts, JURISDICTIONS, INFRINGEMENTS, SERIOUSNESS_LEVELS } from './core/facts';
export type {
  PenaltyFacts,
  PenaltyCircumstances,
  Jurisdiction,
  Infringement,
  Seriousness,
} from './core/facts';
export type {
  PenaltyAssessment,
  OverriddenAssessment,
  PrecedentComparison,
  Rulebook,
  RulebookInfo,
  RulebookResult,
  AssumedFact,
  AssessOptions,
  TurnoverUnknownPolicy,
  PenaltyOutcome,
  LimitationCheck,
  LawAppliedCheck,
} from './core/assessment';
export { TURNOVER_UNKNOWN_POLICIES } from './core/assessment';
export type { TraceNode, TraceStep, TraceZh } from './core/trace';
export { overrideAssessment } from './core/calculator';
export { formatAssessmentText, assessmentToJson, formatRulebooksText } from './core/format';
export { factsFromAudit } from './core/facts-from-audit';
export type { AuditPenaltyInput } from './core/facts-from-audit';
export type { AssessmentJson } from './core/format';
export type { Precedent } from './core/precedents';
export { CN_TIER_LABELS, CN_TIERS } from './rulebooks/cn-apl/labels';
export type { CnTier } from './rulebooks/cn-apl/labels';
export { FACT_LABELS, factLabel } from './core/fact-labels';
export { PRECEDENTS } from './precedents/precedents';
export { BUILTIN_RULEBOOKS } from './rulebooks/builtin-rulebooks';
export { PENALTY_ERRORS } from './penalties.errors';
export type { PenaltyErrorCode } from './penalties.errors';
