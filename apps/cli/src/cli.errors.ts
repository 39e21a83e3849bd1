/** Stable error codes of the CLI itself (its arguments and options); mapped to exit codes in exit-codes.ts. */
export const CLI_ERRORS = {
  /** Commander refused the command line: unknown command or option, missing argument or option value. */
  USAGE: 'CLI.USAGE',
  MISSING_OPTION: 'CLI.MISSING_OPTION',
  MISSING_SUBCOMMAND: 'CLI.MISSING_SUBCOMMAND',
  /** A date option is not a calendar date YYYY-MM-DD. */
  BAD_DATE: 'CLI.BAD_DATE',
  BAD_FORMAT: 'CLI.BAD_FORMAT',
  BAD_ENCODING: 'CLI.BAD_ENCODING',
  BAD_THRESHOLD: 'CLI.BAD_THRESHOLD',
  /** A count option (`--captures`, `--seed`) is not a whole number in range. */
  BAD_NUMBER: 'CLI.BAD_NUMBER',
  /** A file named by an option (e.g. `fine --facts`) does not exist. */
  FILE_NOT_FOUND: 'CLI.FILE_NOT_FOUND',
  /** A file named by an option is not valid JSON. */
  BAD_JSON: 'CLI.BAD_JSON',
  /** BIOAUDIT_HOME already holds the demo example of other options; the demo refuses to mix them. */
  DEMO_HOME_IN_USE: 'CLI.DEMO_HOME_IN_USE',
  /** `reidentify`: the argument is not a pseudonym, or no subject is known under it. */
  UNKNOWN_PSEUDONYM: 'CLI.UNKNOWN_PSEUDONYM',
  /** `reidentify` as a role that may not read subject identities (the application role). */
  NOT_AUTHORISED: 'CLI.NOT_AUTHORISED',
} as const;
export type CliErrorCode = (typeof CLI_ERRORS)[keyof typeof CLI_ERRORS];
