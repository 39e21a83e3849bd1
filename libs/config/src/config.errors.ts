/** Stable error codes of the config lib; apps map them to exit codes / HTTP statuses. */
export const CONFIG_ERRORS = {
  /** One or more environment variables are invalid; `details.errors` lists every one. */
  INVALID: 'CONFIG.INVALID',
} as const;
export type ConfigErrorCode = (typeof CONFIG_ERRORS)[keyof typeof CONFIG_ERRORS];
