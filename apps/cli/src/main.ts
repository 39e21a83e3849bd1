import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { DomainError } from '@app/common';
import { CLI_ERRORS } from './cli.errors';
import { CliModule, STANDALONE_COMMANDS, StandaloneCliModule } from './cli.module';
import { EXIT, exitCodeFor, reasonFor } from './exit-codes';
import { MigrateCliModule } from './migrate-cli.module';

/** The version of the installed bioaudit package (the nearest package.json named bioaudit above this file). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bioaudit' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** The part of a commander `Command` used here (commander is nest-commander's dependency, not ours). */
interface CommanderCommand {
  readonly commands: readonly CommanderCommand[];
  exitOverride(fn: (err: Error) => void): unknown;
  configureOutput(o: { writeErr: (s: string) => void }): unknown;
}

/** Commander's own outcomes that are not failures. */
const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * `bioaudit <command>`: exits 0 on success, or with a documented exit code and one line on stderr naming
 * the error code — for usage errors, failures at boot (a busy embedded database, an unreachable server)
 * and failures of the command alike; never a stack trace.
 */
async function main(): Promise<void> {
  // Dependencies' deprecation notices (e.g. pg's on TypeORM's schema builder) are not the user's business
  // and would break the one-line failure contract on stderr.
  process.noDeprecation = true;
  const command = process.argv[2] ?? '';
  // `--version` and the database-free commands boot without opening (or locking) a database.
  const standalone = STANDALONE_COMMANDS.includes(command) || command === '--version' || command === '-V';
  // `migrate` connects as the schema owner when one is configured (it may create the application role).
  const root = standalone ? StandaloneCliModule : command === 'migrate' ? MigrateCliModule : CliModule;
  const fail = (error: unknown): never => {
    process.stderr.write(`${reasonFor(error)}\n`);
    process.exit(exitCodeFor(error));
  };
  // Commander refusing the command line (unknown command or option, missing argument): exit 64 with
  // our one line instead of commander's text.
  const usage = (err: Error): void => {
    const e = err as { exitCode?: number; code?: string; message?: string };
    if (e.code && COMMANDER_SUCCESS.has(e.code) && e.exitCode === 0) process.exit(EXIT.OK);
    const what = e.code === 'commander.help' ? 'a command is required' : (e.message ?? String(err));
    throw new DomainError(CLI_ERRORS.USAGE, `${what.replace(/^error: /, '')} (see \`bioaudit --help\`)`, {
      commander: e.code,
    });
  };
  // A command's failure is reported after the app (and its database) has closed cleanly.
  let failure: { error: unknown } | null = null;
  try {
    // Boot errors (a busy embedded database, an unreachable server) are thrown here, not logged by Nest.
    const app = await CommandFactory.createWithoutRunning(root, {
      logger: false,
      abortOnError: false,
      version: packageVersion(),
      errorHandler: usage,
      serviceErrorHandler: (error) => {
        failure = { error };
      },
    });
    try {
      // nest-commander sets the error handler on the root command only; every subcommand needs it too.
      const runner: unknown = app.get(CommandRunnerService);
      const program = (runner as { commander: CommanderCommand }).commander;
      const configure = (c: CommanderCommand): void => {
        c.exitOverride(usage);
        c.configureOutput({ writeErr: () => undefined });
        c.commands.forEach(configure);
      };
      configure(program);
      await CommandFactory.runApplication(app);
    } finally {
      await app.close();
    }
  } catch (error) {
    fail(error);
  }
  if (failure) fail((failure as { error: unknown }).error);
}

void main();
