/** Stable error codes of the case-files lib. */
export const CaseFileErrorCode = {
  /** The input fails validation; `details.issues` lists every problem found. */
  InvalidInput: 'CASE_FILE.INVALID_INPUT',
  /** A streamed finding or affected-person row is malformed; `details` names the list and row. */
  InvalidRow: 'CASE_FILE.INVALID_ROW',
  /** The embedded CJK font could not be found in node_modules. */
  FontMissing: 'CASE_FILE.FONT_MISSING',
  /** Rendering failed (the output could not be written, or a row source threw); nothing is left at the output path. */
  RenderFailed: 'CASE_FILE.RENDER_FAILED',
} as const;
export type CaseFileErrorCode = (typeof CaseFileErrorCode)[keyof typeof CaseFileErrorCode];
