import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule, STANDALONE_COMMANDS, StandaloneCliModule } from './cli.module';
import { exitCodeFor, reasonFor } from './exit-codes';

/** `bioaudit <command>`: exits 0 on success, or non-zero with a one-line reason on stderr. */
async function main(): Promise<void> {
  const command = process.argv[2] ?? '';
  const root = STANDALONE_COMMANDS.includes(command) ? StandaloneCliModule : CliModule;
  const fail = (error: unknown) => {
    process.stderr.write(`${reasonFor(error)}\n`);
    process.exit(exitCodeFor(error));
  };
  try {
    await CommandFactory.run(root, {
      logger: ['error'],
      errorHandler: (err) => {
        // commander's own exits (help, version, unknown option) carry their exit code.
        const e = err as { exitCode?: number; code?: string };
        process.exit(typeof e.exitCode === 'number' ? e.exitCode : 64);
      },
      serviceErrorHandler: fail,
    });
  } catch (error) {
    fail(error);
  }
}

void main();
