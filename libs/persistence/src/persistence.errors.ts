/** Stable error codes of the persistence lib (the database itself); apps map them to exit codes / HTTP statuses. */
export const DB_ERRORS = {
  /** Another process holds the embedded database's lock. */
  EMBEDDED_LOCKED: 'DB.EMBEDDED_LOCKED',
  /** The PostgreSQL server cannot be reached, or refuses the connection (address, credentials, database). */
  UNREACHABLE: 'DB.UNREACHABLE',
  /** The server has migrations pending (`bioaudit migrate`); `details.pending` lists them. */
  NOT_MIGRATED: 'DB.NOT_MIGRATED',
  /** Entities and migrations disagree: a migration is missing. */
  SCHEMA_DRIFT: 'DB.SCHEMA_DRIFT',
} as const;
export type DbErrorCode = (typeof DB_ERRORS)[keyof typeof DB_ERRORS];
