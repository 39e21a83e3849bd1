import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { loadKeyring, openSubjectRef, PSEUDONYM_PREFIX, type Keyring } from '@app/crypto';
import {
  AuditLogRepository,
  DATABASE,
  openDatabase,
  SubjectIdentityRepository,
  type Database,
} from '@app/persistence';
import { CLI_ERRORS } from '../cli.errors';

/** PostgreSQL's "insufficient_privilege". */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Re-identifies one pseudonym: writes an audit_log row (who, why) first, then opens the sealed reference.
 * Every attempt is logged, found or not. `db` must be able to read subject_identity: with separate
 * PostgreSQL roles, the owner's (MIGRATION_DATABASE_URL); the application role may only add to it.
 */
export async function reidentify(
  db: Database,
  keys: Keyring,
  actor: string,
  pseudonym: string,
  reason: string,
): Promise<string> {
  if (!pseudonym.startsWith(PSEUDONYM_PREFIX)) {
    throw new DomainError(
      CLI_ERRORS.UNKNOWN_PSEUDONYM,
      `"${pseudonym}" is not a pseudonym (they start with psn:)`,
    );
  }
  if (reason.trim() === '') {
    throw new DomainError(CLI_ERRORS.MISSING_OPTION, 'reidentify needs --reason "<why>" (it is logged)');
  }
  await new AuditLogRepository(db).append(actor, 'reidentify', 'subject_identity', pseudonym, {
    reason: reason.trim(),
  });
  let sealed: string | null;
  try {
    sealed = await new SubjectIdentityRepository(db).sealedRefOf(pseudonym);
  } catch (e) {
    if ((e as { code?: string }).code === INSUFFICIENT_PRIVILEGE) {
      throw new DomainError(
        CLI_ERRORS.NOT_AUTHORISED,
        'this role may not read subject identities: set MIGRATION_DATABASE_URL (the owner) to re-identify',
      );
    }
    throw e;
  }
  if (sealed === null) {
    throw new DomainError(CLI_ERRORS.UNKNOWN_PSEUDONYM, `no subject is known under ${pseudonym}`);
  }
  return openSubjectRef(keys, pseudonym, sealed);
}

@Command({
  name: 'reidentify',
  arguments: '<pseudonym>',
  description:
    'Print the subject reference behind a psn: pseudonym (logged with who and why; with separate roles, as the owner: MIGRATION_DATABASE_URL)',
})
export class ReidentifyCommand extends CommandRunner {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run([pseudonym]: string[], flags: { reason?: string }): Promise<void> {
    if (flags.reason === undefined) {
      throw new DomainError(CLI_ERRORS.MISSING_OPTION, 'reidentify needs --reason "<why>" (it is logged)');
    }
    const { database } = this.config;
    // Separate roles: only the owner reads subject_identity, so connect as it for this one command.
    const owner =
      database.kind === 'postgres' && database.migrationUrl
        ? await openDatabase({ kind: 'postgres', url: database.migrationUrl })
        : null;
    try {
      const ref = await reidentify(
        owner ?? this.db,
        loadKeyring(this.config.keys),
        this.config.operator,
        pseudonym,
        flags.reason,
      );
      process.stdout.write(`${ref}\n`);
    } finally {
      await owner?.close();
    }
  }

  @Option({
    flags: '--reason <text>',
    description: 'why (written to the audit log before anything is shown)',
  })
  parseReason(v: string): string {
    return v;
  }
}
