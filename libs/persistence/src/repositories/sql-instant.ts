/** A timestamptz column as an ISO 8601 UTC string with milliseconds, in SQL (the API's instant format). */
export const isoInstant = (col: string): string =>
  `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
