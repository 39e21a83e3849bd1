/** Writes a seeded example inspection folder and returns what auditing it must report. */
export { generateInspection } from './generate-inspection';
export type { GenerateInspectionOptions } from './generate-inspection';
/** The example folder as text, produced lazily; the expected counts follow from each subject's scenario. */
export { ExampleInspection } from './core/example-inspection';
export type { CaptureFileFormat, ExampleOptions } from './core/example-inspection';
export type { ExpectedInspection, ExpectedFileCounts } from './core/expected-inspection';
/** The example firm and its devices. */
export { exampleFirm, exampleDevices } from './core/example-firm';
/** The scenario kinds subjects are drawn from. */
export { SCENARIO_KINDS } from './core/subject-scenarios';
export type { ScenarioKind } from './core/subject-scenarios';
/** Stable error codes of the example generator. */
export { EXAMPLE_ERRORS } from './example.errors';
export type { ExampleErrorCode } from './example.errors';
