/** One measured rate, already formatted by the caller (the recognition lib owns the statistics). */
export interface EvaluationRateRow {
  n: number;
  errors: number;
  rate: string;
  ci95: string;
  upper95: string;
  lower95: string;
}

/** One condition of an evaluation (unmasked, masked probe, …) with its DET curve. */
export interface EvaluationCondition {
  name: string;
  threshold: string;
  eer: string;
  genuine: EvaluationRateRow;
  impostor: EvaluationRateRow;
  /** DET points, rates in [0, 1]; drawn on normal-deviate axes. */
  det: { fmr: number; fnmr: number }[];
}

/** Everything an accuracy-evaluation report shows; nothing is read from the clock. */
export interface EvaluationReportInput {
  title: string;
  /** ISO 8601 instant; the PDF's dates. The caller takes it from its inputs or from an explicit flag. */
  issuedAt: string;
  /** What was evaluated: files with SHA-256, engine and model versions, pairing, seeds. */
  inputs: { label: string; value: string }[];
  claim: { statement: string; translation: string } | null;
  verdict: { result: string; reason: string; comparisonsNeeded: string | null } | null;
  conditions: EvaluationCondition[];
  notes: string[];
}
