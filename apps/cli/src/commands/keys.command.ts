import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  COLLECTION_ERRORS,
  CollectionError,
  EndpointRegistryService,
  type CredentialRewrap,
} from '@app/collection';
import { keyStatus, rotateKeys } from '@app/crypto';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';

/** The folders whose files are sealed: raw evidence and issued case files. */
const sealedDirs = (config: AppConfig) => [config.evidenceDir, config.caseFilesDir];

@SubCommand({
  name: 'rotate',
  description:
    'Re-wrap every stored file’s data key with the current master key (headers only, payloads untouched); with the key file, generate a new key first and retire the old',
})
export class KeysRotateCommand extends CommandRunner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly terminals: EndpointRegistryService,
  ) {
    super();
  }

  async run(_: string[], flags: { json?: boolean }): Promise<void> {
    // The CLI holds the embedded database's lock while this runs: no other process seals files meanwhile.
    let credentials: CredentialRewrap | null = null;
    const r = await rotateKeys(this.config.keys, sealedDirs(this.config), async (ring) => {
      credentials = await this.terminals.rewrapCredentials(ring);
      // Retiring the old keys now would lose these credentials for good: keep the keys, say which.
      if (credentials.failed.length > 0) {
        throw new CollectionError(
          COLLECTION_ERRORS.CREDENTIAL_UNREADABLE,
          `${credentials.failed.length} terminal credential(s) could not be re-wrapped (endpoints ${credentials.failed.map((f) => f.endpoint).join(', ')}); the old keys are kept: remove and re-add those terminals, then rotate again`,
          { failed: credentials.failed },
        );
      }
    });
    const rewrap = credentials as CredentialRewrap | null;
    if (flags.json) return printJson({ ...r, credentials: rewrap });
    const retire = this.config.keys.masterKey
      ? r.retired.length > 0
        ? `; remove the retired keys from BIOAUDIT_PREVIOUS_MASTER_KEYS: ${r.retired.join(', ')}`
        : ''
      : r.retired.length > 0
        ? `; retired ${r.retired.join(', ')} from ${r.source}`
        : '';
    process.stdout.write(
      `current key ${r.current}: ${r.rewrapped} files re-wrapped, ${r.alreadyCurrent} already current, ${r.sealedLegacy} plain files sealed; terminal credentials: ${rewrap?.rewrapped ?? 0} re-wrapped, ${rewrap?.failed.length ?? 0} unreadable${retire}\n`,
    );
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'status',
  description: 'The current master key (its id) and how many stored files each key wraps',
})
export class KeysStatusCommand extends CommandRunner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(_: string[], flags: { json?: boolean }): Promise<void> {
    const s = await keyStatus(this.config.keys, sealedDirs(this.config));
    if (flags.json) return printJson(s);
    const byKey = Object.entries(s.filesByKey).map(
      ([id, n]) => `  ${id}${id === s.current ? ' (current)' : ''}: ${n} files`,
    );
    process.stdout.write(
      [`current key ${s.current} from ${s.source}`, ...byKey, `  not sealed: ${s.unsealed} files`].join(
        '\n',
      ) + '\n',
    );
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'keys',
  description: 'Master keys of the sealed evidence and case files (ids only; keys are never printed)',
  subCommands: [KeysRotateCommand, KeysStatusCommand],
})
export class KeysCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError(CLI_ERRORS.MISSING_SUBCOMMAND, 'use `bioaudit keys rotate` or `bioaudit keys status`'),
    );
  }
}
