/** Error codes of @app/law. */
export const LAW_ERRORS = {
  BAD_DATE: 'LAW.BAD_DATE',
  UNKNOWN_INSTRUMENT: 'LAW.UNKNOWN_INSTRUMENT',
  UNKNOWN_PERIOD: 'LAW.UNKNOWN_PERIOD',
} as const;
export type LawErrorCode = (typeof LAW_ERRORS)[keyof typeof LAW_ERRORS];
