export { RECOGNITION_ERRORS } from './core/recognition.errors';
export type { RecognitionErrorCode } from './core/recognition.errors';
export {
  DEFAULT_CONFIDENCE,
  upperBound,
  lowerBound,
  clopperPearson,
  ruleOfThree,
  trialsNeeded,
  projectedTrialsNeeded,
} from './core/binomial';
export { ComparisonSet, ComparisonSetBuilder } from './core/comparison-set';
export type { ComparisonDecision } from './core/comparison-set';
export { countErrors, allDecided } from './core/error-counts';
export type { ClassCounts, ErrorCounts } from './core/error-counts';
export {
  DEFAULT_FMR_TARGETS,
  sortedScores,
  sweepOperatingPoints,
  detCurve,
  equalErrorRate,
  fnmrAtFmr,
  detPoints,
} from './core/det';
export type { SortedScores, DetCurve, EqualErrorRate, FnmrAtFmr, DetPoint } from './core/det';
export { subjectBootstrap, DEFAULT_BOOTSTRAP_REPLICATES, DEFAULT_BOOTSTRAP_SEED } from './core/bootstrap';
export type { SubjectBootstrap, BootstrapInterval } from './core/bootstrap';
export { parseClaim } from './core/claim';
export type { Claim, ClaimDocument } from './core/claim';
export { testRate, combineVerdict } from './core/verdict';
export type { Verdict, VerdictResult, ComparisonsNeeded, RateTest, RateTestOutcome } from './core/verdict';
export { analyseComparisons } from './core/analyse-comparisons';
export type {
  ComparisonsReport,
  RateBlock,
  OperatingPoint,
  AnalyseOptions,
} from './core/analyse-comparisons';
export { formatComparisonsReport } from './core/format-comparisons-report';
export { readComparisonsCsv } from './comparisons-csv.reader';
export { evaluateComparisonsFile, readClaimFile } from './comparisons-evaluation.service';
export type { EvaluateComparisonsOptions } from './comparisons-evaluation.service';
export type {
  RgbImage,
  Point,
  FaceBox,
  DetectedFace,
  LandmarkScheme,
  ModelInfo,
  FaceDetector,
  FaceEmbedder,
} from './core/face-engine.ports';
export { cosineSimilarity } from './core/similarity';
export {
  MASK_OVAL_INDICES,
  NOSE_COVERAGE_INDEX,
  MASK_COLOURS,
  DEFAULT_MASK_STYLE,
  maskPolygon,
  fillPolygon,
  applySyntheticMask,
} from './core/synthetic-mask';
export type { NoseCoverage, MaskColour, MaskStyle } from './core/synthetic-mask';
export { cropToTensor } from './core/face-crop';
export type { CropSpec } from './core/face-crop';
export { decodeImage, encodePng } from './image-decoder';
export { HumanFaceEngine } from './human-face-engine';
export type { HumanFaceEngineOptions } from './human-face-engine';
export { OnnxFaceEmbedder } from './onnx-face-embedder';
export type { OnnxEmbedderOptions } from './onnx-face-embedder';
export { ReferenceFaceEngine } from './reference-face-engine';
export type { EngineRecord, FaceTemplate, EngineScore } from './reference-face-engine';
export { readManifestRecords } from './core/dataset-manifest';
export type { DatasetImage } from './core/dataset-manifest';
export { CONDITIONS, DEFAULT_PAIRING, formPairs, evaluateDataset } from './core/dataset-evaluation';
export type {
  Condition,
  ImageEmbeddings,
  PairingOptions,
  StratumResult,
  DatasetOperatingPoint,
  DatasetEvaluation,
  DatasetEvaluationOptions,
} from './core/dataset-evaluation';
export { evaluateDatasetFile } from './dataset-evaluation.service';
export type {
  DatasetReport,
  DatasetImageOutcome,
  EvaluateDatasetOptions,
} from './dataset-evaluation.service';
export { analyseReturningVisitors } from './core/returning-visitors';
export type { VisitorSnapshot, PeopleEstimate, ReturningVisitorsResult } from './core/returning-visitors';
export { evaluateReturningVisitorsFile } from './returning-visitors.service';
export type { ReturningVisitorsReport, ReturningVisitorsOptions } from './returning-visitors.service';
export { formatDatasetReport } from './dataset-report.formatter';
export { RecognitionModule } from './recognition.module';
export { RecognitionService } from './recognition.service';
export { evaluateTrialLogFile } from './trial-log-evaluation.service';
export type { TrialLogReport, TrialLogOptions } from './trial-log-evaluation.service';
