/** Stable error codes of the example lib; apps map them to exit codes / HTTP statuses. */
export const EXAMPLE_ERRORS = {
  /** A generator option is out of range (captures, subjects). */
  BAD_OPTION: 'EXAMPLE.BAD_OPTION',
  /** expected() was asked for before the capture lines were produced (a bug in the caller). */
  NOT_GENERATED: 'EXAMPLE.NOT_GENERATED',
  /** A local time of the example cannot be read in its zone (a bug in the generator). */
  BAD_TIME: 'EXAMPLE.BAD_TIME',
} as const;
export type ExampleErrorCode = (typeof EXAMPLE_ERRORS)[keyof typeof EXAMPLE_ERRORS];
