import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
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
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(_: string[], flags: { json?: boolean }): Promise<void> {
    // The CLI holds the embedded database's lock while this runs: no other process seals files meanwhile.
    const r = await rotateKeys(this.config.keys, sealedDirs(this.config));
    if (flags.json) return printJson(r);
    const retire = this.config.keys.masterKey
      ? r.retired.length > 0
        ? `; remove the retired keys from BIOAUDIT_PREVIOUS_MASTER_KEYS: ${r.retired.join(', ')}`
        : ''
      : r.retired.length > 0
        ? `; retired ${r.retired.join(', ')} from ${r.source}`
        : '';
    process.stdout.write(
      `current key ${r.current}: ${r.rewrapped} files re-wrapped, ${r.alreadyCurrent} already current, ${r.sealedLegacy} plain files sealed${retire}\n`,
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
